/* cs-oauth2-token.h — a token answer (RFC 6749 §5.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * A CsOAuth2Token is boxed and refcounted; every value it holds is wiped when it is freed.
 * cs_oauth2_token_parse () is pure and fuzzed: any bytes, no crash, bounded work.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CS_TYPE_OAUTH2_TOKEN (cs_oauth2_token_get_type ())

typedef struct _CsOAuth2Token CsOAuth2Token;

GType          cs_oauth2_token_get_type          (void) G_GNUC_CONST;

/* A JSON object with access_token and token_type ("bearer", any case); expires_in a
 * non-negative integer (a JSON number or a string of digits) when present; scope and
 * refresh_token strings when present. @now: seconds since the epoch, for expires_at.
 * Errors: CS_OAUTH_ERROR_BAD_RESPONSE, saying what is wrong (never quoting a value). */
CsOAuth2Token *cs_oauth2_token_parse             (const char    *body,
                                                  gsize          length,
                                                  gint64         now,
                                                  GError       **error);
CsOAuth2Token *cs_oauth2_token_new               (const char    *access_token,
                                                  const char    *token_type,
                                                  const char    *refresh_token,
                                                  const char    *scope,
                                                  gint64         expires_at);
CsOAuth2Token *cs_oauth2_token_ref               (CsOAuth2Token *self);
void           cs_oauth2_token_unref             (CsOAuth2Token *self);

const char    *cs_oauth2_token_get_access_token  (CsOAuth2Token *self);
const char    *cs_oauth2_token_get_token_type    (CsOAuth2Token *self);
/* NULL when none. */
const char    *cs_oauth2_token_get_refresh_token (CsOAuth2Token *self);
/* NULL when not sent. */
const char    *cs_oauth2_token_get_scope         (CsOAuth2Token *self);
/* 0 when unknown. */
gint64         cs_oauth2_token_get_expires_at    (CsOAuth2Token *self);
/* -1 when not sent. */
gint64         cs_oauth2_token_get_expires_in    (CsOAuth2Token *self);

/* The answer's top-level fields in the order received, values as text (numbers in
 * decimal, objects and arrays as JSON): for `--format lines`. NULL-terminated; names and
 * values owned by @self. A token made with cs_oauth2_token_new () lists the fields it has. */
const char * const *cs_oauth2_token_get_field_names (CsOAuth2Token *self);
const char    *cs_oauth2_token_get_field         (CsOAuth2Token *self,
                                                  const char    *name);

/* Whether the field @name holds a secret: access_token, refresh_token, id_token. */
gboolean       cs_oauth2_field_is_secret         (const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsOAuth2Token, cs_oauth2_token_unref)

G_END_DECLS
