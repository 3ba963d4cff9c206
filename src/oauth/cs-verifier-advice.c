/* cs-verifier-advice.c — what to say about a verifier, in the words of the callback mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-verifier-advice.h"

/* By CsVerifierSource: what to check after a refusal, and the error for an empty one. */
static const struct
{
  const char *refused;
  const char *empty;
} words[] = {
  [CS_VERIFIER_SOURCE_UNKNOWN] = {
    N_("Check the verifier (a PIN, or the code in the callback address): it may be mistyped, "
       "or already used."),
    N_("The verifier is empty") },
  [CS_VERIFIER_SOURCE_PIN] = {
    N_("Check the PIN (the verifier): it may be mistyped, or already used."),
    N_("The verifier (PIN) is empty") },
  [CS_VERIFIER_SOURCE_LOOPBACK] = {
    N_("Check the verifier (the code the browser returned): it may belong to an earlier link, "
       "or be already used."),
    N_("The verifier (the code the browser returned) is empty") },
  [CS_VERIFIER_SOURCE_CALLBACK_URL] = {
    N_("Check the callback address and the verifier in it (the code the browser returned): it "
       "may be mistyped, belong to an earlier link, or be already used."),
    N_("The callback address (or its verifier) is empty") },
};

const char *
cs_verifier_advice_refused (CsVerifierSource source)
{
  if ((guint) source >= G_N_ELEMENTS (words))
    source = CS_VERIFIER_SOURCE_UNKNOWN;
  return _(words[source].refused);
}

const char *
cs_verifier_advice_empty (CsVerifierSource source)
{
  if ((guint) source >= G_N_ELEMENTS (words))
    source = CS_VERIFIER_SOURCE_UNKNOWN;
  return _(words[source].empty);
}
