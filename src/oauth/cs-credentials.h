/* cs-credentials.h — a token response: every field the provider sent, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * The OAuth 1.0a field names live here and in the protocol code, never in a front end: a
 * front end asks which field is the token, which fields are secret, which account a token
 * belongs to.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The fields of a token answer that the protocol itself defines (RFC 5849, 2.1 and 2.3). */
#define CS_CREDENTIALS_TOKEN              "oauth_token"
#define CS_CREDENTIALS_TOKEN_SECRET       "oauth_token_secret"
#define CS_CREDENTIALS_CALLBACK_CONFIRMED "oauth_callback_confirmed"

#define CS_TYPE_CREDENTIALS (cs_credentials_get_type ())

typedef struct _CsCredentials CsCredentials;

GType          cs_credentials_get_type           (void) G_GNUC_CONST;
/* Copies a list of CsParam (see cs-percent.h): (transfer none), the caller still frees
 * @params. Values are wiped when freed. */
CsCredentials *cs_credentials_new                (GPtrArray     *params);
/* A token and its secret (either may be NULL), e.g. read back from the keyring or given on
 * the command line, as the client takes them. Values are copied and wiped when freed. */
CsCredentials *cs_credentials_new_token          (const char    *token,
                                                  const char    *token_secret);
CsCredentials *cs_credentials_ref                (CsCredentials *self);
void           cs_credentials_unref              (CsCredentials *self);

GPtrArray     *cs_credentials_get_params         (CsCredentials *self);
const char    *cs_credentials_get                (CsCredentials *self,
                                                  const char    *name);
const char    *cs_credentials_get_token          (CsCredentials *self);
const char    *cs_credentials_get_token_secret   (CsCredentials *self);
gboolean       cs_credentials_get_callback_confirmed (CsCredentials *self);
const char    *cs_credentials_get_user_id        (CsCredentials *self);
const char    *cs_credentials_get_screen_name    (CsCredentials *self);
/* Whom the token belongs to: the screen name, else the user id; NULL when neither came. */
const char    *cs_credentials_get_account        (CsCredentials *self);

/* Whether a field's value is a secret (concealed, cleared from the clipboard): the token
 * secret and any other field named "…secret" that a provider sends. */
gboolean       cs_credentials_field_is_secret    (const char    *name);
/* Whether the field is the token (request or access token): shown, not concealed, but the
 * access token is cleared from the clipboard like a secret. */
gboolean       cs_credentials_field_is_token     (const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCredentials, cs_credentials_unref)

G_END_DECLS
