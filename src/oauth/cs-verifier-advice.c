/* cs-verifier-advice.c — what to say about a verifier, in the words of the callback mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-verifier-advice.h"

const char *
cs_verifier_advice_refused (CsVerifierSource source)
{
  switch (source)
    {
    case CS_VERIFIER_SOURCE_PIN:
      return _("Check the PIN (the verifier): it may be mistyped, or already used.");
    case CS_VERIFIER_SOURCE_LOOPBACK:
      return _("Check the verifier (the code the browser returned): it may belong to an "
               "earlier link, or be already used.");
    case CS_VERIFIER_SOURCE_CALLBACK_URL:
      return _("Check the callback address and the verifier in it (the code the browser "
               "returned): it may be mistyped, belong to an earlier link, or be already used.");
    case CS_VERIFIER_SOURCE_UNKNOWN:
    default:
      return _("Check the verifier (a PIN, or the code in the callback address): it may be "
               "mistyped, or already used.");
    }
}

const char *
cs_verifier_advice_empty (CsVerifierSource source)
{
  switch (source)
    {
    case CS_VERIFIER_SOURCE_PIN:
      return _("The verifier (PIN) is empty");
    case CS_VERIFIER_SOURCE_LOOPBACK:
      return _("The verifier (the code the browser returned) is empty");
    case CS_VERIFIER_SOURCE_CALLBACK_URL:
      return _("The callback address (or its verifier) is empty");
    case CS_VERIFIER_SOURCE_UNKNOWN:
    default:
      return _("The verifier is empty");
    }
}
