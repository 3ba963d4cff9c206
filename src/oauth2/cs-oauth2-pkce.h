/* cs-oauth2-pkce.h — PKCE (RFC 7636, S256) and the state parameter, from a CSPRNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verifier and the state come from GnuTLS's key-grade generator (gnutls_rnd with
 * GNUTLS_RND_KEY). The verifier is a secret: free it with cs_secret_free().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The verifier's length: RFC 7636 §4.1 allows 43 to 128. */
#define CS_OAUTH2_VERIFIER_LENGTH 64
#define CS_OAUTH2_STATE_LENGTH    32

/* 64 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1), uniformly drawn. */
char     *cs_oauth2_new_code_verifier (void);
/* BASE64URL (SHA256 (ASCII (@verifier))) without padding (RFC 7636 §4.2). */
char     *cs_oauth2_code_challenge    (const char *verifier);
/* 32 characters of [A-Za-z0-9-_] (192 bits). */
char     *cs_oauth2_new_state         (void);
/* Whether @verifier is 43–128 characters of the unreserved set. */
gboolean  cs_oauth2_verifier_is_valid (const char *verifier);

G_END_DECLS
