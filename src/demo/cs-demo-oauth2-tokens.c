/* cs-demo-oauth2-tokens.c — what the demo provider remembers for OAuth 2.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cs-demo-oauth2-tokens.h"
#include "cs-demo-private.h"
#include "cs-percent.h"
#include "cs-signature.h"

struct _CsDemoOAuth2Tokens
{
  GHashTable *consents;    /* id → CsDemoOAuth2Consent */
  GHashTable *codes;       /* code → CsDemoOAuth2Code */
  GHashTable *access;      /* token → CsDemoOAuth2Token */
  GHashTable *refresh;     /* token → CsDemoOAuth2Token */
  GHashTable *exchanges;   /* "client_id oauth1-token" → grant */
  GHashTable *app_bearers; /* client_id → token (the key of @access) */
  guint       next_grant;
  guint       code_lifetime;
  guint       access_lifetime;
};

static void
consent_free (CsDemoOAuth2Consent *c)
{
  g_free (c->client_id);
  g_free (c->redirect_uri);
  g_free (c->scope);
  g_free (c->state);
  g_free (c->challenge);
  g_free (c);
}

static void
code_free (CsDemoOAuth2Code *c)
{
  g_free (c->client_id);
  g_free (c->redirect_uri);
  g_free (c->scope);
  g_free (c->challenge);
  g_free (c);
}

static void
token_free (CsDemoOAuth2Token *t)
{
  g_free (t->client_id);
  g_free (t->scope);
  g_free (t);
}

CsDemoOAuth2Tokens *
cs_demo_oauth2_tokens_new (void)
{
  CsDemoOAuth2Tokens *self = g_new0 (CsDemoOAuth2Tokens, 1);
  GDestroyNotify wipe = (GDestroyNotify) cs_secret_free;

  self->consents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) consent_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, wipe, (GDestroyNotify) code_free);
  self->access = g_hash_table_new_full (g_str_hash, g_str_equal, wipe,
                                        (GDestroyNotify) token_free);
  self->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, wipe,
                                         (GDestroyNotify) token_free);
  self->exchanges = g_hash_table_new_full (g_str_hash, g_str_equal, wipe, NULL);
  self->app_bearers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->next_grant = 1;
  self->code_lifetime = CS_DEMO_CODE_LIFETIME;
  self->access_lifetime = CS_DEMO_ACCESS_LIFETIME;
  return self;
}

void
cs_demo_oauth2_tokens_free (CsDemoOAuth2Tokens *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->app_bearers);
  g_hash_table_unref (self->exchanges);
  g_hash_table_unref (self->refresh);
  g_hash_table_unref (self->access);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->consents);
  g_free (self);
}

void
cs_demo_oauth2_tokens_set_lifetimes (CsDemoOAuth2Tokens *self,
                                     guint               code_seconds,
                                     guint               access_seconds)
{
  if (code_seconds > 0)
    self->code_lifetime = code_seconds;
  if (access_seconds > 0)
    self->access_lifetime = access_seconds;
}

guint
cs_demo_oauth2_tokens_get_access_lifetime (CsDemoOAuth2Tokens *self)
{
  return self->access_lifetime;
}

void
cs_demo_oauth2_note_secret (const char *secret)
{
  const char *path = g_getenv ("CS_ISSUED_SECRETS_FILE");
  FILE *file;

  if (path == NULL || *path == '\0')
    return;
  /* A test setting: a line appended to a local file, never the user's case. */
  file = fopen (path, "a");
  if (file == NULL)
    {
      g_warning ("Cannot append to CS_ISSUED_SECRETS_FILE: %s", g_strerror (errno));
      return;
    }
  fprintf (file, "%s\n", secret);
  fclose (file);
}

/* 64 letters and digits from the CSPRNG, noted as a secret. */
static char *
new_secret (void)
{
  char *a = cs_nonce_new ();
  char *b = cs_nonce_new ();
  char *secret = g_strconcat (a, b, NULL);

  cs_secret_free (a);
  cs_secret_free (b);
  cs_demo_oauth2_note_secret (secret);
  return secret;
}

const char *
cs_demo_oauth2_tokens_add_consent (CsDemoOAuth2Tokens *self,
                                   const char         *client_id,
                                   const char         *redirect_uri,
                                   const char         *scope,
                                   const char         *state,
                                   const char         *challenge)
{
  CsDemoOAuth2Consent *c = g_new0 (CsDemoOAuth2Consent, 1);
  char *id = cs_nonce_new ();

  if (g_hash_table_size (self->consents) >= CS_DEMO_MAX_PENDING)
    g_hash_table_remove_all (self->consents);
  c->client_id = g_strdup (client_id);
  c->redirect_uri = g_strdup (redirect_uri);
  c->scope = g_strdup (scope);
  c->state = g_strdup (state);
  c->challenge = g_strdup (challenge);
  g_hash_table_insert (self->consents, id, c);
  return id;
}

const CsDemoOAuth2Consent *
cs_demo_oauth2_tokens_lookup_consent (CsDemoOAuth2Tokens *self,
                                      const char         *id)
{
  return id != NULL ? g_hash_table_lookup (self->consents, id) : NULL;
}

void
cs_demo_oauth2_tokens_forget_consent (CsDemoOAuth2Tokens *self,
                                      const char         *id)
{
  g_hash_table_remove (self->consents, id);
}

guint
cs_demo_oauth2_tokens_new_grant (CsDemoOAuth2Tokens *self)
{
  return self->next_grant++;
}

const char *
cs_demo_oauth2_tokens_issue_code (CsDemoOAuth2Tokens *self,
                                  const char         *id,
                                  gint64              now)
{
  CsDemoOAuth2Consent *consent = g_hash_table_lookup (self->consents, id);
  CsDemoOAuth2Code *c = g_new0 (CsDemoOAuth2Code, 1);
  char *code = new_secret ();

  g_assert (consent != NULL);
  if (g_hash_table_size (self->codes) >= CS_DEMO_MAX_PENDING)
    g_hash_table_remove_all (self->codes);
  c->client_id = g_strdup (consent->client_id);
  c->redirect_uri = g_strdup (consent->redirect_uri);
  c->scope = g_strdup (consent->scope);
  c->challenge = g_strdup (consent->challenge);
  c->expires_at = now + self->code_lifetime;
  c->grant = cs_demo_oauth2_tokens_new_grant (self);
  g_hash_table_insert (self->codes, code, c);
  g_hash_table_remove (self->consents, id);
  return code;
}

CsDemoOAuth2Code *
cs_demo_oauth2_tokens_lookup_code (CsDemoOAuth2Tokens *self,
                                   const char         *code,
                                   gint64              now)
{
  CsDemoOAuth2Code *c = code != NULL ? g_hash_table_lookup (self->codes, code) : NULL;

  if (c != NULL && now >= c->expires_at)
    {
      g_hash_table_remove (self->codes, code);
      return NULL;
    }
  return c;
}

static gboolean
code_in_grant (gpointer key,
               gpointer value,
               gpointer grant)
{
  return ((CsDemoOAuth2Code *) value)->grant == GPOINTER_TO_UINT (grant);
}

static gboolean
token_in_grant (gpointer key,
                gpointer value,
                gpointer grant)
{
  return ((CsDemoOAuth2Token *) value)->grant == GPOINTER_TO_UINT (grant);
}

void
cs_demo_oauth2_tokens_revoke_grant (CsDemoOAuth2Tokens *self,
                                    guint               grant)
{
  g_assert (grant != 0);

  g_hash_table_foreach_remove (self->codes, code_in_grant, GUINT_TO_POINTER (grant));
  g_hash_table_foreach_remove (self->access, token_in_grant, GUINT_TO_POINTER (grant));
  g_hash_table_foreach_remove (self->refresh, token_in_grant, GUINT_TO_POINTER (grant));
}

guint
cs_demo_oauth2_tokens_exchange_grant (CsDemoOAuth2Tokens *self,
                                      const char         *client_id,
                                      const char         *oauth1_token)
{
  char *key = g_strconcat (client_id, " ", oauth1_token, NULL);
  guint last = GPOINTER_TO_UINT (g_hash_table_lookup (self->exchanges, key));
  guint grant = cs_demo_oauth2_tokens_new_grant (self);

  if (last != 0)
    cs_demo_oauth2_tokens_revoke_grant (self, last);
  g_hash_table_replace (self->exchanges, key, GUINT_TO_POINTER (grant));
  return grant;
}

static CsDemoOAuth2Token *
token_new (const char *client_id,
           const char *scope,
           guint       grant,
           gint64      expires_at)
{
  CsDemoOAuth2Token *t = g_new0 (CsDemoOAuth2Token, 1);

  t->client_id = g_strdup (client_id);
  t->scope = g_strdup (scope);
  t->grant = grant;
  t->expires_at = expires_at;
  return t;
}

static gboolean
token_expired (gpointer key,
               gpointer value,
               gpointer now)
{
  const CsDemoOAuth2Token *t = value;

  return t->expires_at != 0 && *(gint64 *) now >= t->expires_at;
}

const char *
cs_demo_oauth2_tokens_issue_access (CsDemoOAuth2Tokens *self,
                                    const char         *client_id,
                                    const char         *scope,
                                    guint               grant,
                                    gint64              now)
{
  char *token;

  /* A long-running demo forgets expired access tokens rather than grow without end. */
  if (g_hash_table_size (self->access) >= 8 * CS_DEMO_MAX_PENDING)
    g_hash_table_foreach_remove (self->access, token_expired, &now);
  token = new_secret ();
  g_hash_table_insert (self->access, token,
                       token_new (client_id, scope, grant, now + self->access_lifetime));
  return token;
}

const char *
cs_demo_oauth2_tokens_issue_refresh (CsDemoOAuth2Tokens *self,
                                     const char         *client_id,
                                     const char         *scope,
                                     guint               grant)
{
  char *token = new_secret ();

  g_hash_table_insert (self->refresh, token, token_new (client_id, scope, grant, 0));
  return token;
}

const CsDemoOAuth2Token *
cs_demo_oauth2_tokens_lookup_access (CsDemoOAuth2Tokens *self,
                                     const char         *token,
                                     gint64              now)
{
  CsDemoOAuth2Token *t = token != NULL ? g_hash_table_lookup (self->access, token) : NULL;

  if (t != NULL && t->expires_at != 0 && now >= t->expires_at)
    return NULL;
  return t;
}

const CsDemoOAuth2Token *
cs_demo_oauth2_tokens_lookup_refresh (CsDemoOAuth2Tokens *self,
                                      const char         *token)
{
  return token != NULL ? g_hash_table_lookup (self->refresh, token) : NULL;
}

static gboolean
is_app_bearer_of (gpointer key,
                  gpointer value,
                  gpointer token)
{
  return value == token;
}

void
cs_demo_oauth2_tokens_forget_access (CsDemoOAuth2Tokens *self,
                                     const char         *token)
{
  gpointer key = NULL;

  if (!g_hash_table_lookup_extended (self->access, token, &key, NULL))
    return;
  g_hash_table_foreach_remove (self->app_bearers, is_app_bearer_of, key);
  g_hash_table_remove (self->access, key);
}

void
cs_demo_oauth2_tokens_forget_refresh (CsDemoOAuth2Tokens *self,
                                      const char         *token)
{
  g_hash_table_remove (self->refresh, token);
}

const char *
cs_demo_oauth2_tokens_app_bearer (CsDemoOAuth2Tokens *self,
                                  const char         *client_id)
{
  char *token = g_hash_table_lookup (self->app_bearers, client_id);

  if (token != NULL)
    return token;
  token = new_secret ();
  g_hash_table_insert (self->access, token, token_new (client_id, "", 0, 0));
  g_hash_table_insert (self->app_bearers, g_strdup (client_id), token);
  return token;
}

gboolean
cs_demo_oauth2_tokens_invalidate_app_bearer (CsDemoOAuth2Tokens *self,
                                             const char         *client_id,
                                             const char         *token)
{
  const char *bearer = g_hash_table_lookup (self->app_bearers, client_id);

  if (bearer == NULL || token == NULL || strcmp (bearer, token) != 0)
    return FALSE;
  cs_demo_oauth2_tokens_forget_access (self, bearer);
  return TRUE;
}
