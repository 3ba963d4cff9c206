/* cs-demo-oauth2.c — the demo provider's OAuth 2.0 token, revoke and invalidate endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST oauth2/token takes X's grants: authorization_code (PKCE S256 required, RFC 7636),
 * refresh_token (rotating: the refresh token works once), client_credentials (the
 * confidential client only; X's app-only bearer) and the token-exchange grant for the demo's
 * own OAuth 1.0a access tokens, as https://docs.x.com/fundamentals/authentication/oauth-2-0/
 * oauth-1-0a-token-exchange describes it (subject_token, subject_token_type
 * urn:x:params:oauth:token-type:oauth1_token, oauth_token_secret, optional scope).
 * POST oauth2/revoke is RFC 7009 (200 for a token it does not know); POST
 * oauth2/invalidate_token invalidates an app-only bearer (X's shape: access_token in the body,
 * Basic, the token echoed).
 */
#include "config.h"

#include <string.h>

#include "cs-demo-http.h"
#include "cs-demo-oauth2-tokens.h"
#include "cs-demo-oauth2.h"
#include "cs-demo-private.h"
#include "cs-demo-tokens.h"
#include "cs-percent.h"

static void
invalid_request (CsDemoProvider    *self,
                 SoupServerMessage *msg,
                 const char        *description)
{
  cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", description);
}

static void
invalid_grant (CsDemoProvider    *self,
               SoupServerMessage *msg,
               const char        *description)
{
  cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", description);
}

/* RFC 7636 §4.1: 43 to 128 unreserved characters. */
static gboolean
verifier_well_formed (const char *verifier)
{
  gsize len = strlen (verifier);

  if (len < 43 || len > 128)
    return FALSE;
  for (const char *p = verifier; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* RFC 7636 §4.6: BASE64URL(SHA256(verifier)) equals the challenge. */
static gboolean
verifier_matches (const char *verifier,
                  const char *challenge)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;
  gsize n;

  g_checksum_update (sha, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sha, digest, &len);
  b64 = g_base64_encode (digest, len);
  for (char *p = b64; *p; p++)
    *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
  n = strcspn (b64, "=");
  b64[n] = '\0';
  return strcmp (b64, challenge) == 0;
}

/* The tokens of @grant: an access token, and a refresh token with offline.access. */
static void
issue_tokens (CsDemoProvider    *self,
              SoupServerMessage *msg,
              const char        *client_id,
              const char        *scope,
              guint              grant,
              gboolean           always_refresh)
{
  gint64 now = cs_demo_provider_now (self);
  const char *access = cs_demo_oauth2_tokens_issue_access (self->oauth2, client_id, scope,
                                                           grant, now);
  const char *refresh = NULL;

  if (always_refresh || cs_demo_oauth2_scope_within ("offline.access", scope))
    refresh = cs_demo_oauth2_tokens_issue_refresh (self->oauth2, client_id, scope, grant);
  cs_demo_oauth2_reply_token (self, msg, access,
                              cs_demo_oauth2_tokens_get_access_lifetime (self->oauth2),
                              scope, refresh);
}

static void
grant_authorization_code (CsDemoProvider    *self,
                          SoupServerMessage *msg,
                          GPtrArray         *form,
                          const char        *client_id)
{
  const char *code = cs_param_list_get (form, "code");
  const char *redirect_uri = cs_param_list_get (form, "redirect_uri");
  const char *verifier = cs_param_list_get (form, "code_verifier");
  CsDemoOAuth2Code *c;

  if (code == NULL || redirect_uri == NULL || verifier == NULL)
    {
      invalid_request (self, msg, "code, redirect_uri and code_verifier are required.");
      return;
    }
  cs_demo_oauth2_note_secret (verifier);
  c = cs_demo_oauth2_tokens_lookup_code (self->oauth2, code, cs_demo_provider_now (self));
  if (c == NULL)
    {
      invalid_grant (self, msg, "The authorization code is invalid or expired (codes are "
                                "valid for 30 seconds).");
      return;
    }
  if (c->used)
    {
      /* RFC 6749 §4.1.2: a code used twice revokes what it gave. */
      cs_demo_oauth2_tokens_revoke_grant (self->oauth2, c->grant);
      invalid_grant (self, msg, "The authorization code was used already; the tokens issued "
                                "for it are revoked.");
      return;
    }
  c->used = TRUE;
  if (strcmp (c->client_id, client_id) != 0)
    invalid_grant (self, msg, "The authorization code was issued to another client.");
  else if (strcmp (c->redirect_uri, redirect_uri) != 0)
    invalid_grant (self, msg, "The redirect_uri is not the one of the authorization request.");
  else if (!verifier_well_formed (verifier))
    invalid_request (self, msg, "The code_verifier must be 43 to 128 characters of "
                                "A-Z a-z 0-9 - . _ ~ (RFC 7636).");
  else if (!verifier_matches (verifier, c->challenge))
    invalid_grant (self, msg, "The code_verifier does not match the code_challenge.");
  else
    issue_tokens (self, msg, client_id, c->scope, c->grant, FALSE);
}

static void
grant_refresh_token (CsDemoProvider    *self,
                     SoupServerMessage *msg,
                     GPtrArray         *form,
                     const char        *client_id)
{
  const char *token = cs_param_list_get (form, "refresh_token");
  const char *scope = cs_param_list_get (form, "scope");
  const CsDemoOAuth2Token *t;
  g_autofree char *kept = NULL;
  guint grant;

  if (token == NULL)
    {
      invalid_request (self, msg, "refresh_token is required.");
      return;
    }
  t = cs_demo_oauth2_tokens_lookup_refresh (self->oauth2, token);
  if (t == NULL || strcmp (t->client_id, client_id) != 0)
    {
      invalid_grant (self, msg, "The refresh token is invalid: revoked, used already (each "
                                "works once), or issued to another client.");
      return;
    }
  if (scope != NULL && !cs_demo_oauth2_scope_within (scope, t->scope))
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_scope",
                                  "A refresh can only ask for scopes the user granted.");
      return;
    }
  kept = g_strdup (scope != NULL ? scope : t->scope);
  grant = t->grant;
  cs_demo_oauth2_tokens_forget_refresh (self->oauth2, token);
  issue_tokens (self, msg, client_id, kept, grant, TRUE);
}

static void
grant_client_credentials (CsDemoProvider    *self,
                          SoupServerMessage *msg,
                          const char        *client_id)
{
  if (!cs_demo_oauth2_client_confidential (client_id))
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "unauthorized_client",
                                  "Only a confidential client (HTTP Basic) can obtain an "
                                  "app-only bearer token.");
      return;
    }
  /* X's answer: the app's one bearer, no expiry. */
  cs_demo_oauth2_reply_token (self, msg, cs_demo_oauth2_tokens_app_bearer (self->oauth2,
                                                                           client_id),
                              -1, NULL, NULL);
}

static void
grant_token_exchange (CsDemoProvider    *self,
                      SoupServerMessage *msg,
                      GPtrArray         *form,
                      const char        *client_id)
{
  const char *subject = cs_param_list_get (form, "subject_token");
  const char *type = cs_param_list_get (form, "subject_token_type");
  const char *secret = cs_param_list_get (form, "oauth_token_secret");
  const char *scope = cs_param_list_get (form, "scope");
  const char *known;

  if (subject == NULL || secret == NULL || g_strcmp0 (type, CS_DEMO_OAUTH1_TOKEN_TYPE) != 0)
    {
      invalid_request (self, msg, "subject_token, oauth_token_secret and subject_token_type "
                                  CS_DEMO_OAUTH1_TOKEN_TYPE " are required.");
      return;
    }
  known = cs_demo_tokens_lookup_secret (self->tokens, CS_DEMO_TOKEN_ACCESS, subject);
  if (known == NULL || strcmp (known, secret) != 0)
    {
      invalid_grant (self, msg, "The OAuth 1.0a token and secret were not accepted.");
      return;
    }
  if (scope != NULL && !cs_demo_oauth2_scope_within (scope, CS_DEMO_OAUTH2_SCOPES))
    {
      cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_scope",
                                  "The scope asks for more than the OAuth 1.0a "
                                  "authorization granted.");
      return;
    }
  /* The demo's OAuth 1.0a tokens are read and write: every scope, offline.access always. */
  issue_tokens (self, msg, client_id, scope != NULL ? scope : CS_DEMO_OAUTH2_SCOPES,
                cs_demo_oauth2_tokens_exchange_grant (self->oauth2, client_id, subject), TRUE);
}

void
cs_demo_oauth2_token (CsDemoProvider    *self,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  g_autoptr(GPtrArray) form = cs_demo_oauth2_read_form (self, msg);
  const char *grant_type;
  const char *client_id;

  if (form == NULL || (client_id = cs_demo_oauth2_authenticate (self, msg, form)) == NULL)
    return;
  grant_type = cs_param_list_get (form, "grant_type");
  if (grant_type == NULL)
    invalid_request (self, msg, "grant_type is required.");
  else if (strcmp (grant_type, "authorization_code") == 0)
    grant_authorization_code (self, msg, form, client_id);
  else if (strcmp (grant_type, "refresh_token") == 0)
    grant_refresh_token (self, msg, form, client_id);
  else if (strcmp (grant_type, "client_credentials") == 0)
    grant_client_credentials (self, msg, client_id);
  else if (strcmp (grant_type, CS_DEMO_TOKEN_EXCHANGE) == 0)
    grant_token_exchange (self, msg, form, client_id);
  else
    cs_demo_oauth2_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                                "The grant_type is not one of authorization_code, "
                                "refresh_token, client_credentials or " CS_DEMO_TOKEN_EXCHANGE
                                ".");
}

/* Revokes @token if it is @client_id's: a refresh token takes its grant with it. */
static void
revoke_token (CsDemoProvider *self,
              const char     *client_id,
              const char     *token)
{
  const CsDemoOAuth2Token *t = cs_demo_oauth2_tokens_lookup_refresh (self->oauth2, token);

  if (t != NULL && strcmp (t->client_id, client_id) == 0)
    {
      cs_demo_oauth2_tokens_revoke_grant (self->oauth2, t->grant);
      return;
    }
  t = cs_demo_oauth2_tokens_lookup_access (self->oauth2, token, cs_demo_provider_now (self));
  if (t != NULL && strcmp (t->client_id, client_id) == 0)
    cs_demo_oauth2_tokens_forget_access (self->oauth2, token);
}

void
cs_demo_oauth2_revoke (CsDemoProvider    *self,
                       SoupServerMessage *msg,
                       GHashTable        *query)
{
  g_autoptr(GPtrArray) form = cs_demo_oauth2_read_form (self, msg);
  const char *client_id;
  const char *token;

  if (form == NULL || (client_id = cs_demo_oauth2_authenticate (self, msg, form)) == NULL)
    return;
  token = cs_param_list_get (form, "token");
  if (token == NULL)
    {
      invalid_request (self, msg, "token is required.");
      return;
    }
  cs_demo_oauth2_note_secret (token);
  /* RFC 7009 §2.2: an unknown token (or a hint that is wrong) is answered 200 all the same. */
  revoke_token (self, client_id, token);
  cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
                 "{\"revoked\":true}");
}

void
cs_demo_oauth2_invalidate (CsDemoProvider    *self,
                           SoupServerMessage *msg,
                           GHashTable        *query)
{
  g_autoptr(GPtrArray) form = cs_demo_oauth2_read_form (self, msg);
  g_autofree char *echo = NULL;
  const char *client_id;
  const char *token;

  if (form == NULL || (client_id = cs_demo_oauth2_authenticate (self, msg, form)) == NULL)
    return;
  token = cs_param_list_get (form, "access_token");
  if (token == NULL)
    {
      invalid_request (self, msg, "access_token is required.");
      return;
    }
  if (!cs_demo_oauth2_tokens_invalidate_app_bearer (self->oauth2, client_id, token))
    {
      invalid_grant (self, msg, "This is not the app-only bearer token of this client.");
      return;
    }
  echo = g_strconcat ("{\"access_token\":\"", token, "\"}", NULL);
  cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", echo);
  cs_secret_free (g_steal_pointer (&echo));
}
