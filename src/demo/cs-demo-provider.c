/* cs-demo-provider.c — a real OAuth 1.0a provider, in-process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It checks what a strict provider checks (Twitter's behaviour is the model): the consumer
 * key, the signature recomputed from what was received, the timestamp window, nonces, the
 * callback, and that a request token and its verifier are used once. Errors have Twitter's
 * JSON shape, so the client's error explanations can be exercised without a network.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <libsoup/soup.h>

#include "cs-demo-provider.h"
#include "cs-percent.h"
#include "cs-signer.h"

#define TIMESTAMP_WINDOW 300   /* seconds either side of the provider's clock */
#define MAX_PENDING      512   /* request tokens and nonces kept at most */
#define PIN_DIGITS       7

/* Twitter's error codes, as the client knows them. */
#define CODE_COULD_NOT_AUTHENTICATE 32
#define CODE_INVALID_TOKEN          89
#define CODE_TIMESTAMP              135
#define CODE_BAD_AUTH_DATA          215
#define CODE_CALLBACK_NOT_APPROVED  415

typedef enum
{
  REQUEST_PENDING,     /* issued, not yet authorized */
  REQUEST_AUTHORIZED,  /* has a verifier */
} RequestState;

typedef struct
{
  char         *token;
  char         *secret;
  char         *callback;   /* "oob" or an http(s) URL */
  char         *verifier;
  RequestState  state;
} RequestToken;

struct _CsDemoProvider
{
  GObject     parent_instance;

  SoupServer *server;
  char       *base_url;
  CsProvider *provider;
  gint64      clock_offset;
  GHashTable *request_tokens; /* token → RequestToken */
  GHashTable *access_tokens;  /* token → secret */
  GHashTable *nonces;         /* "timestamp:nonce" → timestamp as a pointer-sized int */
  char       *last_access_token;
};

G_DEFINE_FINAL_TYPE (CsDemoProvider, cs_demo_provider, G_TYPE_OBJECT)

/* What one request carried, once its Authorization header checked out. */
typedef struct
{
  GPtrArray  *oauth;       /* protocol parameters from the header */
  const char *token;       /* borrowed from @oauth */
} Verified;

static void
verified_clear (Verified *v)
{
  g_clear_pointer (&v->oauth, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Verified, verified_clear)

static void
request_token_free (RequestToken *rt)
{
  g_free (rt->token);
  cs_secret_free (rt->secret);
  g_free (rt->callback);
  cs_secret_free (rt->verifier);
  g_free (rt);
}

static gint64
provider_now (CsDemoProvider *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

static void
set_date_header (CsDemoProvider    *self,
                 SoupServerMessage *msg)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (provider_now (self));
  g_autofree char *text = soup_date_time_to_string (date, SOUP_DATE_HTTP);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", text);
}

static void
reply (CsDemoProvider    *self,
       SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  set_date_header (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

/* Twitter's shape: {"errors":[{"code":32,"message":"Could not authenticate you."}]} */
static void
reply_error (CsDemoProvider    *self,
             SoupServerMessage *msg,
             guint              status,
             int                code,
             const char        *message)
{
  g_autoptr(GString) json = g_string_new ("{\"errors\":[{\"code\":");

  g_string_append_printf (json, "%d,\"message\":\"", code);
  for (const char *p = message; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      g_string_append_c (json, *p);
    }
  g_string_append (json, "\"}]}");
  reply (self, msg, status, "application/json; charset=utf-8", json->str);
}

static void
reply_form (CsDemoProvider    *self,
            SoupServerMessage *msg,
            GPtrArray         *params)
{
  char *body = cs_form_encode (params);

  reply (self, msg, SOUP_STATUS_OK, "application/x-www-form-urlencoded", body);
  cs_secret_free (body);
}

static void
reply_html (CsDemoProvider    *self,
            SoupServerMessage *msg,
            guint              status,
            const char        *title,
            const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_name = g_markup_escape_text (_("Countersign demo provider"), -1);
  g_autofree char *page = g_strdup_printf (
    "<!DOCTYPE html>\n"
    "<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\">"
    "<title>%s — %s</title>"
    "<style>body{font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em}"
    "button{font-size:1.1em;padding:.4em 1.2em;margin-right:1em}"
    "#pin{font-size:2em;letter-spacing:.2em}</style></head>\n"
    "<body><h1>%s</h1>\n%s\n</body></html>\n",
    escaped_title, escaped_name, escaped_title, body_html);

  reply (self, msg, status, "text/html; charset=utf-8", page);
}

/* A paragraph of (translated) text, escaped; @id may be NULL. */
static char *
html_paragraph (const char *id,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (id == NULL)
    return g_strdup_printf ("<p>%s</p>", escaped);
  return g_strdup_printf ("<p id=\"%s\">%s</p>", id, escaped);
}

static gboolean
is_form_body (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type;

  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                &params);
  return type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0;
}

/* The request body as a string; SoupServer has read it whole. */
static char *
request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data ? data : "", len);
}

/* The URL the client signed: scheme, host and port as it addressed us, then the path. */
static char *
received_url (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Host");
  const char *path = g_uri_get_path (uri);

  if (host == NULL)
    return g_uri_to_string_partial (uri, G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  return g_strdup_printf ("%s://%s%s", g_uri_get_scheme (uri), host, *path ? path : "/");
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

/* Forgets nonces whose timestamps have left the window: they cannot be replayed anyway. */
static void
prune_nonces (CsDemoProvider *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 oldest = provider_now (self) - TIMESTAMP_WINDOW;

  g_hash_table_iter_init (&iter, self->nonces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if ((gint64) GPOINTER_TO_SIZE (value) < oldest)
      g_hash_table_iter_remove (&iter);
}

/* Every parameter that goes into the base string: query, form body and the protocol
 * parameters from the header. */
static GPtrArray *
collect_params (SoupServerMessage *msg,
                GPtrArray         *oauth,
                GError           **error)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  if (query != NULL && !cs_form_parse_append (params, query, -1, error))
    return NULL;
  if (is_form_body (msg))
    {
      g_autofree char *body = request_body (msg);

      if (!cs_form_parse_append (params, body, -1, error))
        return NULL;
    }
  for (guint i = 0; i < oauth->len; i++)
    {
      const CsParam *p = g_ptr_array_index (oauth, i);

      cs_param_list_add (params, p->name, p->value);
    }
  return g_steal_pointer (&params);
}

static gboolean
check_signature (SoupServerMessage *msg,
                 GPtrArray         *oauth,
                 CsSignatureMethod  method,
                 const char        *token_secret)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *url = received_url (msg);
  g_autofree char *base_uri = NULL;
  g_autofree char *base_string = NULL;

  params = collect_params (msg, oauth, NULL);
  base_uri = cs_base_string_uri (url, NULL);
  if (params == NULL || base_uri == NULL)
    return FALSE;
  base_string = cs_signature_base_string (soup_server_message_get_method (msg), base_uri,
                                          params);
  return cs_signature_verify (method, base_string, cs_param_list_get (oauth, "oauth_signature"),
                              CS_DEMO_CONSUMER_SECRET, token_secret);
}

/* @token_kind: NULL when the endpoint takes no token, else "request" or "access". On
 * failure the error reply is sent and FALSE returned. */
static gboolean
verify_request (CsDemoProvider    *self,
                SoupServerMessage *msg,
                const char        *token_kind,
                Verified          *out)
{
  const char *header;
  const char *value;
  const char *token_secret = NULL;
  CsSignatureMethod method;
  gint64 timestamp;
  g_autofree char *nonce_key = NULL;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL ||
      (out->oauth = cs_authorization_header_parse (header, NULL, NULL)) == NULL)
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, CODE_BAD_AUTH_DATA,
                   "Bad Authentication data.");
      return FALSE;
    }

  for (guint i = 0; i < out->oauth->len; i++)
    {
      const CsParam *p = g_ptr_array_index (out->oauth, i);

      if (cs_param_list_count (out->oauth, p->name) > 1)
        {
          reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, CODE_BAD_AUTH_DATA,
                       "Bad Authentication data.");
          return FALSE;
        }
    }

  if (g_strcmp0 (cs_param_list_get (out->oauth, "oauth_consumer_key"),
                 CS_DEMO_CONSUMER_KEY) != 0 ||
      cs_param_list_get (out->oauth, "oauth_signature") == NULL ||
      cs_param_list_get (out->oauth, "oauth_nonce") == NULL ||
      !cs_signature_method_from_string (cs_param_list_get (out->oauth, "oauth_signature_method"),
                                        &method) ||
      method == CS_SIGNATURE_METHOD_RSA_SHA1 ||
      ((value = cs_param_list_get (out->oauth, "oauth_version")) != NULL &&
       strcmp (value, "1.0") != 0))
    {
      reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CODE_COULD_NOT_AUTHENTICATE,
                   "Could not authenticate you.");
      return FALSE;
    }

  if (!parse_timestamp (cs_param_list_get (out->oauth, "oauth_timestamp"), &timestamp) ||
      ABS (timestamp - provider_now (self)) > TIMESTAMP_WINDOW)
    {
      reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CODE_TIMESTAMP,
                   "Timestamp out of bounds.");
      return FALSE;
    }

  out->token = cs_param_list_get (out->oauth, "oauth_token");
  if (token_kind != NULL)
    {
      if (out->token != NULL && strcmp (token_kind, "request") == 0)
        {
          RequestToken *rt = g_hash_table_lookup (self->request_tokens, out->token);

          token_secret = rt ? rt->secret : NULL;
        }
      else if (out->token != NULL)
        token_secret = g_hash_table_lookup (self->access_tokens, out->token);
      if (token_secret == NULL)
        {
          reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CODE_INVALID_TOKEN,
                       "Invalid or expired token.");
          return FALSE;
        }
    }

  if (!check_signature (msg, out->oauth, method, token_secret))
    {
      reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CODE_COULD_NOT_AUTHENTICATE,
                   "Could not authenticate you.");
      return FALSE;
    }

  /* Only a correctly signed request uses up its nonce. */
  nonce_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", timestamp,
                               cs_param_list_get (out->oauth, "oauth_nonce"));
  if (g_hash_table_contains (self->nonces, nonce_key))
    {
      reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CODE_COULD_NOT_AUTHENTICATE,
                   "Could not authenticate you. This nonce was already used.");
      return FALSE;
    }
  if (g_hash_table_size (self->nonces) >= MAX_PENDING)
    prune_nonces (self);
  g_hash_table_insert (self->nonces, g_steal_pointer (&nonce_key),
                       GSIZE_TO_POINTER ((gsize) timestamp));
  return TRUE;
}

static gboolean
callback_acceptable (const char *callback)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strcmp (callback, "oob") == 0)
    return TRUE;
  uri = g_uri_parse (callback, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
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

static void
handle_request_token (CsDemoProvider    *self,
                      SoupServerMessage *msg)
{
  g_auto(Verified) v = { 0 };
  g_autoptr(GPtrArray) out = cs_param_list_new ();
  const char *callback;
  RequestToken *rt;

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use POST.");
      return;
    }
  if (!verify_request (self, msg, NULL, &v))
    return;

  callback = cs_param_list_get (v.oauth, "oauth_callback");
  if (callback == NULL)
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, CODE_BAD_AUTH_DATA,
                   "Bad Authentication data. oauth_callback is required (OAuth 1.0a): "
                   "send oob or a URL.");
      return;
    }
  if (!callback_acceptable (callback))
    {
      reply_error (self, msg, SOUP_STATUS_FORBIDDEN, CODE_CALLBACK_NOT_APPROVED,
                   "Callback URL not approved for this client application. The demo "
                   "provider approves oob and http(s) URLs.");
      return;
    }

  if (g_hash_table_size (self->request_tokens) >= MAX_PENDING)
    g_hash_table_remove_all (self->request_tokens);

  rt = g_new0 (RequestToken, 1);
  rt->token = cs_nonce_new ();
  rt->secret = cs_nonce_new ();
  rt->callback = g_strdup (callback);
  rt->state = REQUEST_PENDING;
  g_hash_table_insert (self->request_tokens, rt->token, rt);

  cs_param_list_add (out, "oauth_token", rt->token);
  cs_param_list_add (out, "oauth_token_secret", rt->secret);
  cs_param_list_add (out, "oauth_callback_confirmed", "true");
  reply_form (self, msg, out);
}

static void
reply_bad_token_page (CsDemoProvider    *self,
                      SoupServerMessage *msg)
{
  g_autofree char *body = html_paragraph (NULL, _("This authorization link has no valid "
                                                   "request token: it was used already, refused, "
                                                   "or never issued. Start the authorization "
                                                   "again."));

  reply_html (self, msg, SOUP_STATUS_BAD_REQUEST, _("Invalid request token"), body);
}

static void
show_authorize_page (CsDemoProvider    *self,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  const char *token = query ? g_hash_table_lookup (query, "oauth_token") : NULL;
  RequestToken *rt = token ? g_hash_table_lookup (self->request_tokens, token) : NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *request = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *allow = NULL;
  g_autofree char *deny = NULL;
  g_autofree char *body = NULL;

  if (rt == NULL || rt->state != REQUEST_PENDING)
    {
      reply_bad_token_page (self, msg);
      return;
    }
  escaped = g_markup_escape_text (rt->token, -1);
  /* Translators: %s is the demo account's screen name. */
  request = g_strdup_printf (_("Countersign demo app would like to use your account @%s."),
                             CS_DEMO_SCREEN_NAME);
  intro = html_paragraph (NULL, request);
  scope = html_paragraph (NULL, _("It will be able to read your profile. This is the built-in "
                                  "demo provider: nothing leaves this computer."));
  allow = g_markup_escape_text (_("Allow"), -1);
  deny = g_markup_escape_text (_("Deny"), -1);
  body = g_strdup_printf (
    "%s\n%s\n"
    "<form id=\"authorize\" method=\"post\" action=\"/oauth/authorize\">\n"
    "<input type=\"hidden\" name=\"oauth_token\" value=\"%s\">\n"
    "<button type=\"submit\" name=\"action\" value=\"allow\" id=\"allow\">%s</button>\n"
    "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">%s</button>\n"
    "</form>",
    intro, scope, escaped, allow, deny);
  reply_html (self, msg, SOUP_STATUS_OK, _("Authorize access"), body);
}

/* @callback with @extra appended to its query. */
static char *
callback_with (const char *callback,
               GPtrArray  *extra)
{
  g_autofree char *form = cs_form_encode (extra);
  const char *hash = strchr (callback, '#');
  gsize base_len = hash ? (gsize) (hash - callback) : strlen (callback);
  g_autofree char *base = g_strndup (callback, base_len);
  const char *sep = strchr (base, '?') == NULL ? "?" : (g_str_has_suffix (base, "?") ||
                                                        g_str_has_suffix (base, "&")) ? "" : "&";

  return g_strconcat (base, sep, form, NULL);
}

static void
decide_authorization (CsDemoProvider    *self,
                      SoupServerMessage *msg)
{
  g_autoptr(GPtrArray) form = NULL;
  g_autofree char *body = request_body (msg);
  g_autoptr(GPtrArray) extra = cs_param_list_new ();
  const char *token;
  const char *action;
  RequestToken *rt;

  form = cs_form_parse (body, -1, NULL);
  token = form ? cs_param_list_get (form, "oauth_token") : NULL;
  action = form ? cs_param_list_get (form, "action") : NULL;
  rt = token ? g_hash_table_lookup (self->request_tokens, token) : NULL;
  if (rt == NULL || rt->state != REQUEST_PENDING)
    {
      reply_bad_token_page (self, msg);
      return;
    }

  if (g_strcmp0 (action, "allow") == 0)
    {
      rt->state = REQUEST_AUTHORIZED;
      rt->verifier = strcmp (rt->callback, "oob") == 0 ? new_pin () : cs_nonce_new ();
      if (strcmp (rt->callback, "oob") == 0)
        {
          g_autofree char *intro = html_paragraph (NULL, _("You allowed Countersign demo app "
                                                           "to use your account. Enter this PIN "
                                                           "in the application to finish:"));
          g_autofree char *page = g_strdup_printf ("%s\n<p><code id=\"pin\">%s</code></p>",
                                                   intro, rt->verifier);

          reply_html (self, msg, SOUP_STATUS_OK, _("Authorization PIN"), page);
          return;
        }
      cs_param_list_add (extra, "oauth_token", rt->token);
      cs_param_list_add (extra, "oauth_verifier", rt->verifier);
    }
  else if (g_strcmp0 (action, "deny") == 0)
    {
      g_autofree char *callback = g_strdup (rt->callback);

      cs_param_list_add (extra, "denied", rt->token);
      g_hash_table_remove (self->request_tokens, token);
      if (strcmp (callback, "oob") == 0)
        {
          g_autofree char *page = html_paragraph ("denied", _("You refused access. You can "
                                                              "close this page."));

          reply_html (self, msg, SOUP_STATUS_OK, _("Authorization refused"), page);
          return;
        }
      {
        g_autofree char *location = callback_with (callback, extra);

        set_date_header (self, msg);
        soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      }
      return;
    }
  else
    {
      g_autofree char *page = html_paragraph (NULL, _("Choose Allow or Deny."));

      reply_html (self, msg, SOUP_STATUS_BAD_REQUEST, _("Unknown action"), page);
      return;
    }

  {
    g_autofree char *location = callback_with (rt->callback, extra);

    set_date_header (self, msg);
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
  }
}

static void
handle_authorize (CsDemoProvider    *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (method, SOUP_METHOD_GET) == 0 || strcmp (method, SOUP_METHOD_HEAD) == 0)
    show_authorize_page (self, msg, query);
  else if (strcmp (method, SOUP_METHOD_POST) == 0)
    decide_authorization (self, msg);
  else
    reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use GET or POST.");
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

static void
handle_access_token (CsDemoProvider    *self,
                     SoupServerMessage *msg)
{
  g_auto(Verified) v = { 0 };
  g_autoptr(GPtrArray) out = cs_param_list_new ();
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;
  const char *verifier;
  RequestToken *rt;
  gboolean ok;

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use POST.");
      return;
    }
  if (!verify_request (self, msg, "request", &v))
    return;

  rt = g_hash_table_lookup (self->request_tokens, v.token);
  verifier = cs_param_list_get (v.oauth, "oauth_verifier");
  ok = rt->state == REQUEST_AUTHORIZED && verifier != NULL &&
       secret_equal (rt->verifier, verifier);
  /* One attempt per request token: a wrong verifier burns it, so a PIN cannot be guessed. */
  g_hash_table_remove (self->request_tokens, v.token);
  if (!ok)
    {
      reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CODE_INVALID_TOKEN,
                   verifier == NULL ? "Invalid or expired token. oauth_verifier is missing."
                                    : "Invalid or expired token. The verifier does not match "
                                      "or the request token was not authorized.");
      return;
    }

  /* Twitter's access tokens start with the user id. */
  secret = cs_nonce_new ();
  token = g_strconcat (CS_DEMO_USER_ID "-", secret, NULL);
  g_free (secret);
  secret = cs_nonce_new ();
  g_hash_table_insert (self->access_tokens, g_strdup (token), g_strdup (secret));
  g_free (self->last_access_token);
  self->last_access_token = g_strdup (token);

  cs_param_list_add (out, "oauth_token", token);
  cs_param_list_add (out, "oauth_token_secret", secret);
  cs_param_list_add (out, "user_id", CS_DEMO_USER_ID);
  cs_param_list_add (out, "screen_name", CS_DEMO_SCREEN_NAME);
  reply_form (self, msg, out);
  explicit_bzero (secret, strlen (secret));
}

static void
handle_verify_credentials (CsDemoProvider    *self,
                           SoupServerMessage *msg)
{
  g_auto(Verified) v = { 0 };

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use GET.");
      return;
    }
  if (!verify_request (self, msg, "access", &v))
    return;
  reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
         "{\"id\":" CS_DEMO_USER_ID ",\"id_str\":\"" CS_DEMO_USER_ID "\","
         "\"screen_name\":\"" CS_DEMO_SCREEN_NAME "\",\"name\":\"Demo User\"}");
}

/* A signed POST with a form body: echoes the decoded status as Twitter's update does. */
static void
handle_update (CsDemoProvider    *self,
               SoupServerMessage *msg)
{
  g_auto(Verified) v = { 0 };
  g_autoptr(GPtrArray) form = NULL;
  g_autofree char *body = NULL;
  g_autofree char *status = NULL;
  g_autofree char *json = NULL;
  const char *text;

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use POST.");
      return;
    }
  if (!verify_request (self, msg, "access", &v))
    return;
  body = request_body (msg);
  form = is_form_body (msg) ? cs_form_parse (body, -1, NULL) : NULL;
  text = form ? cs_param_list_get (form, "status") : NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      reply_error (self, msg, SOUP_STATUS_FORBIDDEN, 170, "Missing status.");
      return;
    }
  status = g_strescape (text, NULL);
  json = g_strdup_printf ("{\"id_str\":\"1\",\"text\":\"%s\",\"user\":{\"screen_name\":\"%s\"}}",
                          status, CS_DEMO_SCREEN_NAME);
  reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", json);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  CsDemoProvider *self = user_data;

  if (strcmp (path, "/oauth/request_token") == 0)
    handle_request_token (self, msg);
  else if (strcmp (path, "/oauth/authorize") == 0 || strcmp (path, "/oauth/authenticate") == 0)
    handle_authorize (self, msg, query);
  else if (strcmp (path, "/oauth/access_token") == 0)
    handle_access_token (self, msg);
  else if (strcmp (path, "/1.1/account/verify_credentials.json") == 0)
    handle_verify_credentials (self, msg);
  else if (strcmp (path, "/1.1/statuses/update.json") == 0)
    handle_update (self, msg);
  else
    reply_error (self, msg, SOUP_STATUS_NOT_FOUND, 34, "Sorry, that page does not exist.");
}

static void
cs_demo_provider_dispose (GObject *object)
{
  CsDemoProvider *self = CS_DEMO_PROVIDER (object);

  cs_demo_provider_stop (self);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (cs_demo_provider_parent_class)->dispose (object);
}

static void
cs_demo_provider_finalize (GObject *object)
{
  CsDemoProvider *self = CS_DEMO_PROVIDER (object);

  g_clear_pointer (&self->request_tokens, g_hash_table_unref);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->nonces, g_hash_table_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->last_access_token, cs_secret_free);

  G_OBJECT_CLASS (cs_demo_provider_parent_class)->finalize (object);
}

static void
cs_demo_provider_class_init (CsDemoProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_demo_provider_dispose;
  object_class->finalize = cs_demo_provider_finalize;
}

static void
cs_demo_provider_init (CsDemoProvider *self)
{
  self->request_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) request_token_free);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) cs_secret_free);
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CsDemoProvider *
cs_demo_provider_new (void)
{
  return g_object_new (CS_TYPE_DEMO_PROVIDER, NULL);
}

gboolean
cs_demo_provider_start (CsDemoProvider *self,
                        guint           port,
                        GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = soup_server_new ("server-header", "countersign-demo-provider", NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("The demo provider cannot listen on 127.0.0.1:%u: "), port);
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->server = g_steal_pointer (&server);
  g_clear_object (&self->provider);
  return TRUE;
}

void
cs_demo_provider_stop (CsDemoProvider *self)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  if (self->server == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

const char *
cs_demo_provider_get_base_url (CsDemoProvider *self)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), NULL);

  return self->base_url;
}

/* The shipped "demo" preset (for its name and demo credentials), re-pointed at this server. */
static CsProvider *
make_provider (const char *base_url)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  CsProvider *preset = cs_provider_list_lookup (presets, "demo");
  g_autoptr(CsProvider) provider = NULL;
  g_autofree char *url = NULL;

  if (preset != NULL)
    {
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autofree char *data = cs_provider_to_data (preset, NULL);
      g_autofree char *with_credentials = NULL;
      gsize len = 0;

      /* The keyfile form leaves the demo credentials out; they are public, put them back. */
      if (g_key_file_load_from_data (keyfile, data, -1, G_KEY_FILE_NONE, NULL))
        {
          g_key_file_set_string (keyfile, "Provider", "ConsumerKey", CS_DEMO_CONSUMER_KEY);
          g_key_file_set_string (keyfile, "Provider", "ConsumerSecret", CS_DEMO_CONSUMER_SECRET);
          with_credentials = g_key_file_to_data (keyfile, &len, NULL);
          provider = cs_provider_new_from_data (with_credentials, len, "demo.provider", NULL);
        }
    }
  if (provider == NULL)
    provider = cs_provider_new ("demo", _("Countersign demo provider"));

  url = g_strconcat (base_url, "/oauth/request_token", NULL);
  cs_provider_set_request_token_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/oauth/authorize", NULL);
  cs_provider_set_authorize_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/oauth/authenticate", NULL);
  cs_provider_set_authenticate_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/oauth/access_token", NULL);
  cs_provider_set_access_token_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/1.1/account/verify_credentials.json", NULL);
  cs_provider_set_verify_url (provider, url);
  cs_provider_set_signature_method (provider, CS_SIGNATURE_METHOD_HMAC_SHA1);
  return g_steal_pointer (&provider);
}

CsProvider *
cs_demo_provider_get_provider (CsDemoProvider *self)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  if (self->provider == NULL)
    self->provider = make_provider (self->base_url);
  return self->provider;
}

void
cs_demo_provider_set_clock_offset (CsDemoProvider *self,
                                   gint64          seconds)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  self->clock_offset = seconds;
}

const char *
cs_demo_provider_get_last_access_token (CsDemoProvider *self)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), NULL);

  return self->last_access_token;
}
