/* cs-demo-tokens.c — what the demo provider remembers: request tokens, verifiers, access tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "cs-demo-private.h"
#include "cs-demo-tokens.h"
#include "cs-percent.h"
#include "cs-signer.h"

#define PIN_DIGITS 7

struct _CsDemoTokens
{
  GHashTable *request_tokens; /* token → CsDemoRequestToken */
  GHashTable *access_tokens;  /* token → secret */
  char       *last_access_token;
};

static void
request_token_free (CsDemoRequestToken *rt)
{
  g_free (rt->token);
  cs_secret_free (rt->secret);
  g_free (rt->callback);
  cs_secret_free (rt->verifier);
  g_free (rt);
}

CsDemoTokens *
cs_demo_tokens_new (void)
{
  CsDemoTokens *self = g_new0 (CsDemoTokens, 1);

  self->request_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) request_token_free);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               (GDestroyNotify) cs_secret_free,
                                               (GDestroyNotify) cs_secret_free);
  return self;
}

void
cs_demo_tokens_free (CsDemoTokens *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->request_tokens);
  g_hash_table_unref (self->access_tokens);
  cs_secret_free (self->last_access_token);
  g_free (self);
}

const CsDemoRequestToken *
cs_demo_tokens_issue_request (CsDemoTokens *self,
                              const char   *callback)
{
  CsDemoRequestToken *rt;

  g_assert (callback != NULL);

  if (g_hash_table_size (self->request_tokens) >= CS_DEMO_MAX_PENDING)
    g_hash_table_remove_all (self->request_tokens);

  rt = g_new0 (CsDemoRequestToken, 1);
  rt->token = cs_nonce_new ();
  rt->secret = cs_nonce_new ();
  rt->callback = g_strdup (callback);
  g_hash_table_insert (self->request_tokens, rt->token, rt);
  return rt;
}

const CsDemoRequestToken *
cs_demo_tokens_lookup_pending (CsDemoTokens *self,
                               const char   *token)
{
  CsDemoRequestToken *rt = token ? g_hash_table_lookup (self->request_tokens, token) : NULL;

  return rt != NULL && rt->verifier == NULL ? rt : NULL;
}

const char *
cs_demo_tokens_lookup_secret (CsDemoTokens    *self,
                              CsDemoTokenKind  kind,
                              const char      *token)
{
  CsDemoRequestToken *rt;

  g_assert (kind != CS_DEMO_TOKEN_NONE);

  if (token == NULL)
    return NULL;
  if (kind == CS_DEMO_TOKEN_ACCESS)
    return g_hash_table_lookup (self->access_tokens, token);
  rt = g_hash_table_lookup (self->request_tokens, token);
  return rt ? rt->secret : NULL;
}

/* Seven random digits, the way Twitter's PINs look. */
static char *
new_pin (void)
{
  guchar buf[PIN_DIGITS];
  char *pin = g_malloc (PIN_DIGITS + 1);

  for (guint n = 0; n < PIN_DIGITS;)
    {
      if (gnutls_rnd (GNUTLS_RND_NONCE, buf, sizeof buf) < 0)
        g_error ("The system random number generator failed");
      for (guint i = 0; i < sizeof buf && n < PIN_DIGITS; i++)
        if (buf[i] < 250)
          pin[n++] = '0' + buf[i] % 10;
    }
  pin[PIN_DIGITS] = '\0';
  return pin;
}

const char *
cs_demo_tokens_authorize (CsDemoTokens *self,
                          const char   *token)
{
  CsDemoRequestToken *rt = g_hash_table_lookup (self->request_tokens, token);

  g_assert (rt != NULL && rt->verifier == NULL);

  rt->verifier = strcmp (rt->callback, "oob") == 0 ? new_pin () : cs_nonce_new ();
  return rt->verifier;
}

void
cs_demo_tokens_forget_request (CsDemoTokens *self,
                               const char   *token)
{
  /* The table does not own its keys (they are the tokens' own strings), so @token is only
   * read before the entry is freed. */
  g_hash_table_remove (self->request_tokens, token);
}

/* Constant-time string comparison (the verifier is a secret). */
static gboolean
secret_equal (const char *a,
              const char *b)
{
  gsize a_len = strlen (a);
  gsize b_len = strlen (b);
  guchar diff = a_len != b_len;

  for (gsize i = 0; i < MIN (a_len, b_len); i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];
  return diff == 0;
}

gboolean
cs_demo_tokens_redeem (CsDemoTokens *self,
                       const char   *token,
                       const char   *verifier)
{
  CsDemoRequestToken *rt = g_hash_table_lookup (self->request_tokens, token);
  gboolean ok;

  ok = rt != NULL && rt->verifier != NULL && verifier != NULL &&
       secret_equal (rt->verifier, verifier);
  g_hash_table_remove (self->request_tokens, token);
  return ok;
}

const char *
cs_demo_tokens_issue_access (CsDemoTokens  *self,
                             const char   **secret)
{
  char *tail = cs_nonce_new ();
  char *token = g_strconcat (CS_DEMO_USER_ID "-", tail, NULL);
  char *token_secret = cs_nonce_new ();

  cs_secret_free (tail);
  g_hash_table_insert (self->access_tokens, token, token_secret);
  cs_secret_free (self->last_access_token);
  self->last_access_token = g_strdup (token);
  *secret = token_secret;
  return token;
}

const char *
cs_demo_tokens_get_last_access (CsDemoTokens *self)
{
  return self->last_access_token;
}
