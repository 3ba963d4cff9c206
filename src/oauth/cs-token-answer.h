/* cs-token-answer.h — a provider's token answer, checked and turned into CsCredentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * An OAuth 1.0a token answer (RFC 5849 §2.1, §2.3) is form-encoded UTF-8 text with exactly one
 * non-empty oauth_token and oauth_token_secret; a request token's also has
 * oauth_callback_confirmed=true. Anything else is CS_OAUTH_ERROR_BAD_RESPONSE, with a message
 * for the user that names @host and never quotes a secret. The answer is untrusted input:
 * this is a pure parser, with no I/O.
 */
#pragma once

#include <glib.h>

#include "cs-credentials.h"

G_BEGIN_DECLS

typedef enum
{
  CS_TOKEN_ANSWER_REQUEST_TOKEN,  /* must confirm the callback */
  CS_TOKEN_ANSWER_ACCESS_TOKEN,
} CsTokenAnswerKind;

/* @host: the provider as messages name it (see cs_url_display_host ()). */
CsCredentials *cs_token_answer_parse (CsTokenAnswerKind   kind,
                                      GBytes             *body,
                                      const char         *host,
                                      GError            **error);

G_END_DECLS
