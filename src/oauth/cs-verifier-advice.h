/* cs-verifier-advice.h — what to say about a verifier, in the words of the callback mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Only in PIN (oob) mode does the user type a PIN. With a loopback callback the browser
 * brings the verifier back by itself; with a callback URL of the developer's (or the app
 * link) the verifier is in the callback address. The access token step's advice and the
 * empty-verifier errors of the client, the flow and both front ends come from here, so that
 * they never speak of a PIN where there was none (issue 12 tour).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CS_VERIFIER_SOURCE_UNKNOWN,      /* given as it is (`countersign-cli access-token --verifier`) */
  CS_VERIFIER_SOURCE_PIN,          /* oob: the PIN the provider showed, typed by the user */
  CS_VERIFIER_SOURCE_LOOPBACK,     /* the browser's redirect to the loopback callback server */
  CS_VERIFIER_SOURCE_CALLBACK_URL, /* in a callback address (custom URL, the app link) */
} CsVerifierSource;

/* The advice after a provider refused the access token without saying why (a bare 401):
 * what to check about the verifier. A whole sentence, translated. */
const char *cs_verifier_advice_refused (CsVerifierSource source);
/* The error for an empty verifier. Translated. */
const char *cs_verifier_advice_empty   (CsVerifierSource source);

G_END_DECLS
