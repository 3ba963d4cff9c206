/* cs-demo-verify.c — the demo provider checks a signed OAuth 1.0a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-demo-http.h"
#include "cs-demo-private.h"
#include "cs-demo-verify.h"
#include "cs-percent.h"
#include "cs-signer.h"

/* Why a request was refused: the answer's status, Twitter's code and message. */
typedef struct
{
  guint       status;
  int         code;
  const char *message;
} Refusal;

static const Refusal bad_auth_data = {
  SOUP_STATUS_BAD_REQUEST, CS_DEMO_CODE_BAD_AUTH_DATA, "Bad Authentication data."
};
static const Refusal not_authenticated = {
  SOUP_STATUS_UNAUTHORIZED, CS_DEMO_CODE_COULD_NOT_AUTHENTICATE, "Could not authenticate you."
};
static const Refusal bad_timestamp = {
  SOUP_STATUS_UNAUTHORIZED, CS_DEMO_CODE_TIMESTAMP, "Timestamp out of bounds."
};
static const Refusal bad_token = {
  SOUP_STATUS_UNAUTHORIZED, CS_DEMO_CODE_INVALID_TOKEN, "Invalid or expired token."
};
/* Step 5; answered with debug_sbs when the query asks for it. */
static const Refusal bad_signature = {
  SOUP_STATUS_UNAUTHORIZED, CS_DEMO_CODE_COULD_NOT_AUTHENTICATE, "Could not authenticate you."
};
static const Refusal nonce_used = {
  SOUP_STATUS_UNAUTHORIZED, CS_DEMO_CODE_COULD_NOT_AUTHENTICATE,
  "Could not authenticate you. This nonce was already used."
};

void
cs_demo_verified_clear (CsDemoVerified *verified)
{
  g_clear_pointer (&verified->oauth, g_ptr_array_unref);
  g_clear_pointer (&verified->base_string, cs_secret_free);
  verified->token = NULL;
}

/* The protocol parameters of the Authorization header, or NULL when there is none, it does
 * not parse, or it names a parameter twice. */
static GPtrArray *
parse_header (SoupServerMessage *msg)
{
  const char *header;
  g_autoptr(GPtrArray) oauth = NULL;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL || (oauth = cs_authorization_header_parse (header, NULL, NULL)) == NULL)
    return NULL;
  for (guint i = 0; i < oauth->len; i++)
    {
      const CsParam *p = g_ptr_array_index (oauth, i);

      if (cs_param_list_count (oauth, p->name) > 1)
        return NULL;
    }
  return g_steal_pointer (&oauth);
}

/* The consumer, the signature method and the version are ones the demo takes. */
static gboolean
protocol_acceptable (GPtrArray         *oauth,
                     CsSignatureMethod *method)
{
  const char *version = cs_param_list_get (oauth, "oauth_version");

  return g_strcmp0 (cs_param_list_get (oauth, "oauth_consumer_key"), CS_DEMO_CONSUMER_KEY) == 0 &&
         cs_param_list_get (oauth, "oauth_signature") != NULL &&
         cs_param_list_get (oauth, "oauth_nonce") != NULL &&
         cs_signature_method_from_string (cs_param_list_get (oauth, "oauth_signature_method"),
                                          method) &&
         !cs_signature_method_is_rsa (*method) &&
         (version == NULL || strcmp (version, "1.0") == 0);
}

static gboolean
parse_timestamp (const char *text,
                 gint64     *value)
{
  guint64 v;

  if (text == NULL || *text == '\0' || strlen (text) > 12)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  v = g_ascii_strtoull (text, NULL, 10);
  *value = (gint64) v;
  return TRUE;
}

static gboolean
timestamp_acceptable (CsDemoProvider *self,
                      GPtrArray      *oauth,
                      gint64         *timestamp)
{
  return parse_timestamp (cs_param_list_get (oauth, "oauth_timestamp"), timestamp) &&
         ABS (*timestamp - cs_demo_provider_now (self)) <= CS_DEMO_TIMESTAMP_WINDOW;
}

/* Every parameter that goes into the base string: query, form body and the protocol
 * parameters from the header. */
static GPtrArray *
collect_params (SoupServerMessage *msg,
                GPtrArray         *oauth)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  if (query != NULL && !cs_form_parse_append (params, query, -1, NULL))
    return NULL;
  if (cs_demo_request_is_form (msg))
    {
      g_autofree char *body = cs_demo_request_body (msg);

      if (!cs_form_parse_append (params, body, -1, NULL))
        return NULL;
    }
  for (guint i = 0; i < oauth->len; i++)
    {
      const CsParam *p = g_ptr_array_index (oauth, i);

      cs_param_list_add (params, p->name, p->value);
    }
  return g_steal_pointer (&params);
}

/* The query's debug_sbs: NULL, "1" or "proxy". */
static const char *
debug_sbs_flag (SoupServerMessage *msg)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  const char *flag;

  if (query == NULL || !cs_form_parse_append (params, query, -1, NULL))
    return NULL;
  flag = cs_param_list_get (params, "debug_sbs");
  return g_strcmp0 (flag, "proxy") == 0 ? "proxy" : g_strcmp0 (flag, "1") == 0 ? "1" : NULL;
}

static gboolean
signature_matches (SoupServerMessage *msg,
                   GPtrArray         *oauth,
                   CsSignatureMethod  method,
                   const char        *token_secret,
                   char             **base_string)
{
  g_autoptr(GPtrArray) params = collect_params (msg, oauth);
  g_autofree char *url = cs_demo_request_url (msg);
  g_autofree char *base_uri = NULL;

  if (g_strcmp0 (debug_sbs_flag (msg), "proxy") == 0 && g_str_has_prefix (url, "http://"))
    {
      g_autofree char *https = g_strconcat ("https://", url + 7, NULL);

      g_free (url);
      url = g_steal_pointer (&https);
    }
  base_uri = cs_base_string_uri (url, NULL);
  if (params == NULL || base_uri == NULL)
    return FALSE;
  *base_string = cs_signature_base_string (soup_server_message_get_method (msg), base_uri,
                                           params);
  return cs_signature_verify (method, *base_string,
                              cs_param_list_get (oauth, "oauth_signature"),
                              CS_DEMO_CONSUMER_SECRET, token_secret);
}

/* Forgets nonces whose timestamps have left the window: they cannot be replayed anyway. */
static void
prune_nonces (CsDemoProvider *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 oldest = cs_demo_provider_now (self) - CS_DEMO_TIMESTAMP_WINDOW;

  g_hash_table_iter_init (&iter, self->nonces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if ((gint64) GPOINTER_TO_SIZE (value) < oldest)
      g_hash_table_iter_remove (&iter);
}

/* Uses up @nonce with @timestamp; FALSE when it was used already. */
static gboolean
use_nonce (CsDemoProvider *self,
           gint64          timestamp,
           const char     *nonce)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", timestamp, nonce);

  if (g_hash_table_contains (self->nonces, key))
    return FALSE;
  if (g_hash_table_size (self->nonces) >= CS_DEMO_MAX_PENDING)
    prune_nonces (self);
  g_hash_table_insert (self->nonces, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) timestamp));
  return TRUE;
}

/* The checks of the header comment, in order; NULL when all pass. */
static const Refusal *
check_request (CsDemoProvider    *self,
               SoupServerMessage *msg,
               CsDemoTokenKind    kind,
               CsDemoVerified    *out)
{
  const char *token_secret = NULL;
  CsSignatureMethod method;
  gint64 timestamp;

  if ((out->oauth = parse_header (msg)) == NULL)
    return &bad_auth_data;
  if (!protocol_acceptable (out->oauth, &method))
    return &not_authenticated;
  if (!timestamp_acceptable (self, out->oauth, &timestamp))
    return &bad_timestamp;
  out->token = cs_param_list_get (out->oauth, "oauth_token");
  if (kind != CS_DEMO_TOKEN_NONE &&
      (token_secret = cs_demo_tokens_lookup_secret (self->tokens, kind, out->token)) == NULL)
    return &bad_token;
  if (!signature_matches (msg, out->oauth, method, token_secret, &out->base_string))
    return &bad_signature;
  if (!use_nonce (self, timestamp, cs_param_list_get (out->oauth, "oauth_nonce")))
    return &nonce_used;
  return NULL;
}

gboolean
cs_demo_verify_request (CsDemoProvider    *self,
                        SoupServerMessage *msg,
                        CsDemoTokenKind    kind,
                        CsDemoVerified    *out)
{
  const Refusal *refusal;

  g_assert (out->oauth == NULL);

  refusal = check_request (self, msg, kind, out);
  if (refusal == &bad_signature && out->base_string != NULL && debug_sbs_flag (msg) != NULL)
    {
      /* As the PECL extension sends it: the base string raw, at the end. */
      g_autofree char *body = g_strconcat ("oauth_problem=signature_invalid&debug_sbs=",
                                           out->base_string, NULL);

      cs_demo_reply (self, msg, SOUP_STATUS_UNAUTHORIZED, "application/x-www-form-urlencoded",
                     body);
      return FALSE;
    }
  if (refusal != NULL)
    {
      cs_demo_reply_error (self, msg, refusal->status, refusal->code, refusal->message);
      return FALSE;
    }
  return TRUE;
}
