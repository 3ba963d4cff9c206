/* test-demo-oauth2.c — the demo provider's OAuth 2.0, spoken to as a client and a browser would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain libsoup requests (tests/support/cs-test-http.c), so these tests pin down the
 * provider's own checks independently of Countersign's OAuth 2.0 client: X's strictness
 * (exact redirect_uri, codes once and for 30 s, PKCE S256, rotating refresh tokens), RFC 7009
 * revocation, client credentials and X's exchange of an OAuth 1.0a token.
 */
#include <signal.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cs-demo-provider.h"
#include "cs-json.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-client.h"
#include "cs-oauth2-request.h"
#include "cs-oauth2-token.h"
#include "cs-percent.h"
#include "cs-signer.h"
#include "cs-test-http.h"
#include "cs-test-providers.h"
#include "cs-test-wait.h"

#define LOOPBACK     "http://127.0.0.1:8765/callback"
#define SCOPE        "tweet.read users.read offline.access"
#define EXCHANGE     "urn:ietf:params:oauth:grant-type:token-exchange"
#define OAUTH1_TYPE  "urn:x:params:oauth:token-type:oauth1_token"

typedef struct
{
  CsDemoProvider *demo;
  const char     *base;
  char           *basic;   /* the confidential client's Authorization header */
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pair = g_strconcat (CS_DEMO_CONFIDENTIAL_CLIENT_ID ":", CS_DEMO_CLIENT_SECRET,
                                       NULL);
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));

  f->demo = cs_demo_provider_new ();
  g_assert_true (cs_demo_provider_start (f->demo, 0, &error));
  g_assert_no_error (error);
  f->base = cs_demo_provider_get_base_url (f->demo);
  f->basic = g_strconcat ("Basic ", b64, NULL);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  cs_demo_provider_stop (f->demo);
  g_clear_object (&f->demo);
  g_free (f->basic);
}

static void
send_to (Fixture     *f,
      CsHttpReply *reply,
      const char  *method,
      const char  *path,
      const char  *authorization,
      const char  *form)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);

  cs_http_reply_clear (reply);
  cs_http_send (reply, method, url, authorization, form);
}

/* A PKCE pair: a 64-character verifier and its S256 challenge. */
static char *
new_verifier (char **challenge)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *a = cs_nonce_new ();
  g_autofree char *b = cs_nonce_new ();
  char *verifier = g_strconcat (a, b, NULL);
  guint8 digest[32];
  gsize len = sizeof digest;
  char *b64;

  g_checksum_update (sha, (const guchar *) verifier, -1);
  g_checksum_get_digest (sha, digest, &len);
  b64 = g_base64_encode (digest, len);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  b64[strcspn (b64, "=")] = '\0';
  *challenge = b64;
  return verifier;
}

/* A challenge whose verifier nobody knows. */
static char *
new_challenge (void)
{
  char *challenge = NULL;

  g_free (new_verifier (&challenge));
  return challenge;
}

static char *
authorize_path (const char *client_id,
                const char *redirect_uri,
                const char *scope,
                const char *challenge,
                const char *extra)
{
  g_autofree char *redirect = cs_percent_encode (redirect_uri);
  g_autofree char *scopes = cs_percent_encode (scope);

  return g_strdup_printf ("/oauth2/authorize?response_type=code&client_id=%s&redirect_uri=%s"
                          "&scope=%s&state=st4te&code_challenge=%s%s", client_id, redirect,
                          scopes, challenge, extra ? extra : "&code_challenge_method=S256");
}

/* Opens the consent page for a good request and presses @button; returns the redirect. */
static char *
consent (Fixture    *f,
         const char *client_id,
         const char *redirect_uri,
         const char *challenge,
         const char *button)
{
  g_autofree char *path = authorize_path (client_id, redirect_uri, SCOPE, challenge, NULL);
  g_auto(CsHttpReply) page = { 0 };
  g_auto(CsHttpReply) answer = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *form = NULL;
  const char *value;

  send_to (f, &page, "GET", path, NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.body, "method=\"post\" action=\"/oauth2/authorize\""));
  g_assert_nonnull (strstr (page.body, "id=\"allow\">Allow</button>"));
  g_assert_nonnull (strstr (page.body, "id=\"deny\">Deny</button>"));
  g_assert_nonnull (strstr (page.body, SCOPE));
  value = strstr (page.body, "name=\"consent\" value=\"");
  g_assert_nonnull (value);
  value += strlen ("name=\"consent\" value=\"");
  id = g_strndup (value, strcspn (value, "\""));
  form = g_strconcat ("consent=", id, "&action=", button, NULL);
  send_to (f, &answer, "POST", "/oauth2/authorize", NULL, form);
  g_assert_cmpuint (answer.status, ==, 302);
  g_assert_true (g_str_has_prefix (answer.location, redirect_uri));
  g_assert_cmpint (answer.location[strlen (redirect_uri)], ==, '?');
  return g_strdup (answer.location);
}

/* A code for @client_id at @redirect_uri; sets @verifier. */
static char *
get_code (Fixture    *f,
          const char *client_id,
          const char *redirect_uri,
          char      **verifier)
{
  g_autofree char *challenge = NULL;
  g_autofree char *location = NULL;
  g_autofree char *state = NULL;
  char *code;

  *verifier = new_verifier (&challenge);
  location = consent (f, client_id, redirect_uri, challenge, "allow");
  state = cs_url_query_value (location, "state");
  g_assert_cmpstr (state, ==, "st4te");
  code = cs_url_query_value (location, "code");
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), >=, 32);
  return code;
}

static void
exchange_code (Fixture     *f,
               CsHttpReply *reply,
               gboolean     confidential,
               const char  *code,
               const char  *redirect_uri,
               const char  *verifier)
{
  g_autofree char *redirect = cs_percent_encode (redirect_uri);
  g_autofree char *form = g_strdup_printf ("grant_type=authorization_code&code=%s"
                                           "&redirect_uri=%s&code_verifier=%s%s", code,
                                           redirect, verifier,
                                           confidential ? "" : "&client_id=" CS_DEMO_CLIENT_ID);

  send_to (f, reply, "POST", "/oauth2/token", confidential ? f->basic : NULL, form);
}

static JsonObject *
json_of (const CsHttpReply *reply)
{
  JsonNode *node = cs_json_parse_object (reply->body, strlen (reply->body));
  JsonObject *object;

  g_assert_nonnull (node);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static void
assert_error (const CsHttpReply *reply,
              guint              status,
              const char        *error)
{
  g_autoptr(JsonObject) json = json_of (reply);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (json, "error"), ==, error);
  g_assert_nonnull (json_object_get_string_member (json, "error_description"));
}

/* The access token of a good token answer (and its refresh token, when @refresh). */
static char *
assert_tokens (const CsHttpReply *reply,
               char             **refresh)
{
  g_autoptr(JsonObject) json = json_of (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json, "token_type"), ==, "bearer");
  g_assert_cmpint (json_object_get_int_member (json, "expires_in"), ==, 7200);
  g_assert_nonnull (json_object_get_string_member (json, "scope"));
  if (refresh != NULL)
    *refresh = g_strdup (json_object_get_string_member (json, "refresh_token"));
  return g_strdup (json_object_get_string_member (json, "access_token"));
}

/* A user's access token (and refresh token) through the public client's code flow. */
static char *
user_tokens (Fixture *f,
             char   **refresh)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  g_auto(CsHttpReply) reply = { 0 };

  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  return assert_tokens (&reply, refresh);
}

/* The status GET 2/users/me answers for @access_token. */
static guint
users_me (Fixture    *f,
          const char *access_token)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *bearer = g_strconcat ("Bearer ", access_token, NULL);

  send_to (f, &reply, "GET", "/2/users/me", bearer, NULL);
  if (reply.status == 200)
    g_assert_cmpstr (reply.body, ==, "{\"data\":{\"id\":\"1000001\",\"name\":\"Demo User\","
                                     "\"username\":\"demo_user\"}}");
  else if (reply.status == 401)
    g_assert_cmpstr (reply.www_authenticate, ==, "Bearer realm=\"countersign-demo\"");
  return reply.status;
}

static void
test_code_flow (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *refresh = NULL;
  g_autofree char *access = user_tokens (f, &refresh);

  g_assert_nonnull (refresh);
  g_assert_cmpuint (users_me (f, access), ==, 200);
  g_assert_cmpuint (users_me (f, "not-a-token"), ==, 401);
}

static void
test_confidential_flow (Fixture      *f,
                        gconstpointer data)
{
  const char *app_link = "io.github.countersign.countersign:/callback";
  g_autofree char *verifier = NULL;
  g_autofree char *code = get_code (f, CS_DEMO_CONFIDENTIAL_CLIENT_ID, app_link, &verifier);
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *access = NULL;

  exchange_code (f, &reply, TRUE, code, app_link, verifier);
  access = assert_tokens (&reply, NULL);
  g_assert_cmpuint (users_me (f, access), ==, 200);
}

static void
test_deny (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *challenge = new_challenge ();
  g_autofree char *location = consent (f, CS_DEMO_CLIENT_ID, LOOPBACK, challenge, "deny");
  g_autofree char *error = cs_url_query_value (location, "error");
  g_autofree char *state = cs_url_query_value (location, "state");
  g_autofree char *code = cs_url_query_value (location, "code");

  g_assert_cmpstr (error, ==, "access_denied");
  g_assert_cmpstr (state, ==, "st4te");
  g_assert_null (code);
}

/* An authorize request that is refused: a 400 page (no redirect) when @redirected is NULL,
 * else a redirect with error=@redirected and the state. */
static void
assert_authorize_refused (Fixture    *f,
                          const char *path,
                          const char *redirected)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *error = NULL;
  g_autofree char *state = NULL;

  send_to (f, &reply, "GET", path, NULL, NULL);
  if (redirected == NULL)
    {
      g_assert_cmpuint (reply.status, ==, 400);
      g_assert_null (reply.location);
      g_assert_nonnull (strstr (reply.body, "id=\"error\""));
      return;
    }
  g_assert_cmpuint (reply.status, ==, 302);
  error = cs_url_query_value (reply.location, "error");
  state = cs_url_query_value (reply.location, "state");
  g_assert_cmpstr (error, ==, redirected);
  g_assert_cmpstr (state, ==, "st4te");
  g_assert_null (strstr (reply.location, "code="));
}

static void
test_authorize_checks (Fixture      *f,
                       gconstpointer data)
{
  static const struct { const char *client, *redirect, *scope, *extra, *error; } cases[] = {
    { "nobody", LOOPBACK, SCOPE, NULL, NULL },
    { CS_DEMO_CLIENT_ID, "http://127.0.0.1:8765/callback/", SCOPE, NULL, NULL },
    { CS_DEMO_CLIENT_ID, LOOPBACK "?x=1", SCOPE, NULL, NULL },
    { CS_DEMO_CLIENT_ID, "https://evil.example/callback", SCOPE, NULL, NULL },
    { CS_DEMO_CLIENT_ID, LOOPBACK, SCOPE, "&code_challenge_method=plain", "invalid_request" },
    { CS_DEMO_CLIENT_ID, LOOPBACK, SCOPE, "&x=no-method", "invalid_request" },
    { CS_DEMO_CLIENT_ID, LOOPBACK, "tweet.read dm.read", NULL, "invalid_scope" },
  };
  g_autofree char *challenge = new_challenge ();
  g_autofree char *no_pkce = NULL;
  g_autofree char *redirect = cs_percent_encode (LOOPBACK);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = authorize_path (cases[i].client, cases[i].redirect, cases[i].scope,
                                              challenge, cases[i].extra);

      assert_authorize_refused (f, path, cases[i].error);
    }
  no_pkce = g_strdup_printf ("/oauth2/authorize?response_type=code&client_id="
                             CS_DEMO_CLIENT_ID "&redirect_uri=%s&scope=users.read&state=st4te",
                             redirect);
  assert_authorize_refused (f, no_pkce, "invalid_request");
}

static void
test_code_checks (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  g_autofree char *other_verifier = NULL;
  g_autofree char *other_code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &other_verifier);
  g_autofree char *wrong = g_strdup (verifier);
  g_auto(CsHttpReply) reply = { 0 };

  /* A wrong verifier is refused, and the code is spent: a guess is one attempt. */
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  exchange_code (f, &reply, FALSE, code, LOOPBACK, wrong);
  assert_error (&reply, 400, "invalid_grant");
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  assert_error (&reply, 400, "invalid_grant");

  /* The redirect_uri must be the authorization request's. */
  exchange_code (f, &reply, FALSE, other_code, "http://127.0.0.1:9/cb", other_verifier);
  assert_error (&reply, 400, "invalid_grant");
  exchange_code (f, &reply, FALSE, "no-such-code", LOOPBACK, verifier);
  assert_error (&reply, 400, "invalid_grant");
}

static void
test_code_reused (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  g_autofree char *form = NULL;

  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  access = assert_tokens (&reply, &refresh);
  g_assert_cmpuint (users_me (f, access), ==, 200);

  /* The second use is refused and revokes what the first got (RFC 6749 §4.1.2). */
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  assert_error (&reply, 400, "invalid_grant");
  g_assert_cmpuint (users_me (f, access), ==, 401);
  form = g_strconcat ("grant_type=refresh_token&client_id=" CS_DEMO_CLIENT_ID "&refresh_token=",
                      refresh, NULL);
  send_to (f, &reply, "POST", "/oauth2/token", NULL, form);
  assert_error (&reply, 400, "invalid_grant");
}

static void
test_expiry (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  g_autofree char *verifier2 = NULL;
  g_autofree char *code2 = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier2);
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *access = NULL;

  /* The provider's clock 31 s on: the code has expired. */
  cs_demo_provider_set_clock_offset (f->demo, 31);
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  assert_error (&reply, 400, "invalid_grant");
  g_assert_nonnull (strstr (reply.body, "expired"));

  /* An access token lives 7200 s: 7199 s later it works, 7200 s later not. */
  cs_demo_provider_set_clock_offset (f->demo, 0);
  exchange_code (f, &reply, FALSE, code2, LOOPBACK, verifier2);
  access = assert_tokens (&reply, NULL);
  cs_demo_provider_set_clock_offset (f->demo, 7190);
  g_assert_cmpuint (users_me (f, access), ==, 200);
  cs_demo_provider_set_clock_offset (f->demo, 7201);
  g_assert_cmpuint (users_me (f, access), ==, 401);
}

static void
test_lifetime_hook (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = NULL;
  g_auto(CsHttpReply) reply = { 0 };
  g_autoptr(JsonObject) json = NULL;

  g_autofree char *short_verifier = NULL;
  g_autofree char *short_code = NULL;

  /* A code that lives 5 s is refused 6 s later. */
  cs_demo_provider_set_oauth2_lifetimes (f->demo, 5, 0);
  short_code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &short_verifier);
  cs_demo_provider_set_clock_offset (f->demo, 6);
  exchange_code (f, &reply, FALSE, short_code, LOOPBACK, short_verifier);
  assert_error (&reply, 400, "invalid_grant");
  cs_demo_provider_set_clock_offset (f->demo, 0);

  cs_demo_provider_set_oauth2_lifetimes (f->demo, 0, 60);
  code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  json = json_of (&reply);
  g_assert_cmpint (json_object_get_int_member (json, "expires_in"), ==, 60);
  cs_demo_provider_set_clock_offset (f->demo, 61);
  g_assert_cmpuint (users_me (f, json_object_get_string_member (json, "access_token")), ==, 401);
}

/* COUNTERSIGN_DEMO_ACCESS_LIFETIME: the same for a demo another process starts. */
static void
test_lifetime_env (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = NULL;
  g_auto(CsHttpReply) reply = { 0 };
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;

  cs_demo_provider_stop (f->demo);
  g_clear_object (&f->demo);
  g_setenv ("COUNTERSIGN_DEMO_ACCESS_LIFETIME", "90", TRUE);
  f->demo = cs_demo_provider_new ();
  g_unsetenv ("COUNTERSIGN_DEMO_ACCESS_LIFETIME");
  g_assert_true (cs_demo_provider_start (f->demo, 0, &error));
  f->base = cs_demo_provider_get_base_url (f->demo);
  code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  json = json_of (&reply);
  g_assert_cmpint (json_object_get_int_member (json, "expires_in"), ==, 90);
}

static void
test_client_mixups (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  g_autofree char *pair = g_strdup (CS_DEMO_CLIENT_ID ":" CS_DEMO_CLIENT_SECRET);
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *public_basic = g_strconcat ("Basic ", b64, NULL);
  g_autofree char *wrong = g_strdup (f->basic);
  g_auto(CsHttpReply) reply = { 0 };
  const char *form = "grant_type=client_credentials";

  /* A public client that sends a secret, a confidential one that sends none: X's answer. */
  send_to (f, &reply, "POST", "/oauth2/token", public_basic, form);
  assert_error (&reply, 400, "unauthorized_client");
  send_to (f, &reply, "POST", "/oauth2/token", NULL,
           "grant_type=client_credentials&client_id=" CS_DEMO_CONFIDENTIAL_CLIENT_ID);
  assert_error (&reply, 400, "unauthorized_client");
  send_to (f, &reply, "POST", "/oauth2/token", NULL,
           "grant_type=refresh_token&refresh_token=x&client_id=" CS_DEMO_CLIENT_ID
           "&client_secret=" CS_DEMO_CLIENT_SECRET);
  assert_error (&reply, 400, "unauthorized_client");
  send_to (f, &reply, "POST", "/oauth2/token", f->basic,
           "grant_type=client_credentials&client_secret=" CS_DEMO_CLIENT_SECRET);
  assert_error (&reply, 400, "invalid_request");
  send_to (f, &reply, "POST", "/oauth2/token", f->basic,
           "grant_type=client_credentials&client_id=" CS_DEMO_CLIENT_ID);
  assert_error (&reply, 400, "invalid_request");
  /* A public client's code exchanged as the confidential client. */
  exchange_code (f, &reply, TRUE, code, LOOPBACK, verifier);
  assert_error (&reply, 400, "invalid_grant");

  /* A wrong secret: 401 with the Basic challenge. */
  wrong[strlen (wrong) - 3] = wrong[strlen (wrong) - 3] == 'A' ? 'B' : 'A';
  send_to (f, &reply, "POST", "/oauth2/token", wrong, form);
  assert_error (&reply, 401, "invalid_client");
  g_assert_true (g_str_has_prefix (reply.www_authenticate, "Basic"));
  send_to (f, &reply, "POST", "/oauth2/token", NULL, "grant_type=client_credentials&client_id=x");
  assert_error (&reply, 401, "invalid_client");

  send_to (f, &reply, "POST", "/oauth2/token", NULL, "grant_type=password&client_id="
           CS_DEMO_CLIENT_ID);
  assert_error (&reply, 400, "unsupported_grant_type");
  send_to (f, &reply, "POST", "/oauth2/token", NULL, "client_id=" CS_DEMO_CLIENT_ID);
  assert_error (&reply, 400, "invalid_request");
}

static void
refresh_with (Fixture     *f,
              CsHttpReply *reply,
              const char  *refresh)
{
  g_autofree char *form = g_strconcat ("grant_type=refresh_token&client_id=" CS_DEMO_CLIENT_ID
                                       "&refresh_token=", refresh, NULL);

  send_to (f, reply, "POST", "/oauth2/token", NULL, form);
}

static void
test_refresh_rotates (Fixture      *f,
                      gconstpointer data)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *refresh = NULL;
  g_autofree char *access = user_tokens (f, &refresh);
  g_autofree char *refresh2 = NULL;
  g_autofree char *access2 = NULL;
  g_autofree char *form = NULL;

  refresh_with (f, &reply, refresh);
  access2 = assert_tokens (&reply, &refresh2);
  g_assert_nonnull (refresh2);
  g_assert_cmpstr (refresh2, !=, refresh);
  g_assert_cmpstr (access2, !=, access);
  g_assert_cmpuint (users_me (f, access2), ==, 200);

  /* The old refresh token worked once. */
  refresh_with (f, &reply, refresh);
  assert_error (&reply, 400, "invalid_grant");
  /* Wider scopes than granted are refused. */
  form = g_strconcat ("grant_type=refresh_token&client_id=" CS_DEMO_CLIENT_ID
                      "&scope=tweet.write&refresh_token=", refresh2, NULL);
  send_to (f, &reply, "POST", "/oauth2/token", NULL, form);
  assert_error (&reply, 400, "invalid_scope");
}

static void
revoke_token (Fixture    *f,
              const char *token,
              const char *hint)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *form = g_strconcat ("client_id=" CS_DEMO_CLIENT_ID "&token=", token,
                                       hint ? "&token_type_hint=" : NULL, hint, NULL);

  send_to (f, &reply, "POST", "/oauth2/revoke", NULL, form);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_revoke (Fixture      *f,
             gconstpointer data)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *refresh = NULL;
  g_autofree char *access = user_tokens (f, &refresh);
  g_autofree char *refresh2 = NULL;
  g_autofree char *access2 = user_tokens (f, &refresh2);

  revoke_token (f, access, "access_token");
  g_assert_cmpuint (users_me (f, access), ==, 401);
  g_assert_cmpuint (users_me (f, access2), ==, 200);
  /* Revoking a refresh token revokes its access token too; unknown tokens get 200. */
  revoke_token (f, refresh2, NULL);
  g_assert_cmpuint (users_me (f, access2), ==, 401);
  refresh_with (f, &reply, refresh2);
  assert_error (&reply, 400, "invalid_grant");
  revoke_token (f, "never-issued-token", "refresh_token");
  send_to (f, &reply, "POST", "/oauth2/revoke", NULL, "client_id=nobody&token=x");
  assert_error (&reply, 401, "invalid_client");
}

static void
test_client_credentials (Fixture      *f,
                         gconstpointer data)
{
  g_auto(CsHttpReply) reply = { 0 };
  g_auto(CsHttpReply) user = { 0 };
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *form = NULL;
  const char *token;

  send_to (f, &reply, "POST", "/oauth2/token", f->basic, "grant_type=client_credentials");
  g_assert_cmpuint (reply.status, ==, 200);
  json = json_of (&reply);
  g_assert_cmpstr (json_object_get_string_member (json, "token_type"), ==, "bearer");
  g_assert_false (json_object_has_member (json, "refresh_token"));
  token = json_object_get_string_member (json, "access_token");
  /* X's: the app's one bearer until it is invalidated. */
  send_to (f, &reply, "POST", "/oauth2/token", f->basic, "grant_type=client_credentials");
  again = json_of (&reply);
  g_assert_cmpstr (json_object_get_string_member (again, "access_token"), ==, token);

  bearer = g_strconcat ("Bearer ", token, NULL);
  send_to (f, &user, "GET", "/2/users/by/username/demo_user", bearer, NULL);
  g_assert_cmpuint (user.status, ==, 200);
  g_assert_cmpuint (users_me (f, token), ==, 403);
  send_to (f, &reply, "POST", "/oauth2/token", NULL,
           "grant_type=client_credentials&client_id=" CS_DEMO_CLIENT_ID);
  assert_error (&reply, 400, "unauthorized_client");

  form = g_strconcat ("access_token=", token, NULL);
  send_to (f, &reply, "POST", "/oauth2/invalidate_token", f->basic, form);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, token));
  send_to (f, &user, "GET", "/2/users/by/username/demo_user", bearer, NULL);
  g_assert_cmpuint (user.status, ==, 401);
  send_to (f, &reply, "POST", "/oauth2/invalidate_token", f->basic, form);
  assert_error (&reply, 400, "invalid_grant");
}

/* A demo OAuth 1.0a access token through the demo's own flow (PIN); sets @secret. */
static char *
oauth1_access_token (Fixture *f,
                     char   **secret)
{
  g_autofree char *rt_url = g_strconcat (f->base, "/oauth/request_token", NULL);
  g_autofree char *at_url = g_strconcat (f->base, "/oauth/access_token", NULL);
  g_auto(CsHttpReply) reply = { 0 };
  g_autoptr(GPtrArray) rt = NULL;
  g_autoptr(GPtrArray) at = NULL;
  g_autoptr(CsSignature) sig = NULL;
  g_autofree char *form = NULL;
  g_autofree char *pin = NULL;
  CsSignOptions o;

  cs_sign_options_init (&o);
  o.consumer_key = CS_DEMO_CONSUMER_KEY;
  o.consumer_secret = CS_DEMO_CONSUMER_SECRET;
  o.callback = "oob";
  sig = cs_sign ("POST", rt_url, NULL, &o, NULL);
  cs_http_send (&reply, "POST", rt_url, sig->header, NULL);
  rt = cs_form_parse (reply.body, -1, NULL);
  g_clear_pointer (&sig, cs_signature_free);
  form = g_strconcat ("oauth_token=", cs_param_list_get (rt, "oauth_token"), "&action=allow",
                      NULL);
  send_to (f, &reply, "POST", "/oauth/authorize", NULL, form);
  pin = cs_html_element_text (reply.body, "pin");
  o.callback = NULL;
  o.token = cs_param_list_get (rt, "oauth_token");
  o.token_secret = cs_param_list_get (rt, "oauth_token_secret");
  o.verifier = pin;
  sig = cs_sign ("POST", at_url, NULL, &o, NULL);
  cs_http_reply_clear (&reply);
  cs_http_send (&reply, "POST", at_url, sig->header, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  at = cs_form_parse (reply.body, -1, NULL);
  *secret = g_strdup (cs_param_list_get (at, "oauth_token_secret"));
  return g_strdup (cs_param_list_get (at, "oauth_token"));
}

/* GET 2/users/me takes X's user contexts: an OAuth 1.0a signature or a user's bearer; v1.1
 * verify_credentials takes the bearer too (the demo's Test Credentials for both kinds). */
static void
assert_user_context (Fixture    *f,
                     const char *token,
                     const char *secret,
                     const char *access)
{
  g_autofree char *me = g_strconcat (f->base, "/2/users/me", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", access, NULL);
  g_auto(CsHttpReply) reply = { 0 };
  g_autoptr(CsSignature) sig = NULL;
  CsSignOptions o;

  cs_sign_options_init (&o);
  o.consumer_key = CS_DEMO_CONSUMER_KEY;
  o.consumer_secret = CS_DEMO_CONSUMER_SECRET;
  o.token = token;
  o.token_secret = secret;
  sig = cs_sign ("GET", me, NULL, &o, NULL);
  cs_http_send (&reply, "GET", me, sig->header, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, "\"username\":\"demo_user\""));
  send_to (f, &reply, "GET", "/2/users/me", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 401);
  send_to (f, &reply, "GET", "/1.1/account/verify_credentials.json", bearer, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, "\"screen_name\":\"demo_user\""));
}

static char *
exchange_form (const char *token,
               const char *type,
               const char *secret)
{
  return g_strconcat ("grant_type=" EXCHANGE "&client_id=" CS_DEMO_CLIENT_ID "&subject_token=",
                      token, "&subject_token_type=", type, "&oauth_token_secret=", secret, NULL);
}

static void
test_exchange (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *secret = NULL;
  g_autofree char *token = oauth1_access_token (f, &secret);
  g_autofree char *good = exchange_form (token, OAUTH1_TYPE, secret);
  g_autofree char *bad_secret = exchange_form (token, OAUTH1_TYPE, "wrong-secret");
  g_autofree char *bad_type = exchange_form (token, "urn:ietf:params:oauth:token-type:"
                                             "access_token", secret);
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh2 = NULL;
  g_autofree char *access2 = NULL;

  send_to (f, &reply, "POST", "/oauth2/token", NULL, good);
  access = assert_tokens (&reply, &refresh);
  g_assert_nonnull (refresh);
  g_assert_cmpuint (users_me (f, access), ==, 200);
  assert_user_context (f, token, secret, access);

  /* Exchanging it again gives a new pair and ends the old one (X's rotation). */
  send_to (f, &reply, "POST", "/oauth2/token", NULL, good);
  access2 = assert_tokens (&reply, &refresh2);
  g_assert_cmpuint (users_me (f, access2), ==, 200);
  g_assert_cmpuint (users_me (f, access), ==, 401);

  send_to (f, &reply, "POST", "/oauth2/token", NULL, bad_secret);
  assert_error (&reply, 400, "invalid_grant");
  send_to (f, &reply, "POST", "/oauth2/token", NULL, bad_type);
  assert_error (&reply, 400, "invalid_request");
  /* The confidential client can exchange it too (Basic). */
  g_free (good);
  good = g_strconcat ("grant_type=" EXCHANGE "&subject_token=", token, "&subject_token_type="
                      OAUTH1_TYPE "&oauth_token_secret=", secret, NULL);
  send_to (f, &reply, "POST", "/oauth2/token", f->basic, good);
  g_free (assert_tokens (&reply, NULL));
}

/* Every secret issued is in $CS_ISSUED_SECRETS_FILE, for the suite's secret scan. */
static void
test_issued_secrets (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("cs-demo-oauth2-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "issued", NULL);
  g_autofree char *verifier = NULL;
  g_autofree char *code = NULL;
  g_auto(CsHttpReply) reply = { 0 };
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *needle = NULL;
  const char *before = g_getenv ("CS_ISSUED_SECRETS_FILE");
  g_autofree char *saved = g_strdup (before);

  g_setenv ("CS_ISSUED_SECRETS_FILE", path, TRUE);
  code = get_code (f, CS_DEMO_CLIENT_ID, LOOPBACK, &verifier);
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  access = assert_tokens (&reply, &refresh);
  if (saved != NULL)
    g_setenv ("CS_ISSUED_SECRETS_FILE", saved, TRUE);
  else
    g_unsetenv ("CS_ISSUED_SECRETS_FILE");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  {
    const char *issued[] = { code, access, refresh, verifier };

    for (gsize i = 0; i < G_N_ELEMENTS (issued); i++)
      {
        needle = g_strconcat (issued[i], "\n", NULL);
        g_assert_nonnull (strstr (contents, needle));
        g_clear_pointer (&needle, g_free);
      }
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Countersign's own OAuth 2.0 client (src/oauth2/) against the demo, as the app and the CLI
 * use it: the requests it sends are the ones the demo takes. */

/* The browser's part: the consent page of @request's URL, @button pressed; the redirect. */
static char *
browse (Fixture         *f,
        CsOAuth2Request *request,
        const char      *button)
{
  g_auto(CsHttpReply) page = { 0 };
  g_auto(CsHttpReply) answer = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *form = NULL;
  const char *value;

  cs_http_send (&page, "GET", cs_oauth2_request_get_url (request), NULL, NULL);
  g_assert_cmpuint (page.status, ==, 200);
  value = strstr (page.body, "name=\"consent\" value=\"");
  g_assert_nonnull (value);
  value += strlen ("name=\"consent\" value=\"");
  id = g_strndup (value, strcspn (value, "\""));
  form = g_strconcat ("consent=", id, "&action=", button, NULL);
  send_to (f, &answer, "POST", "/oauth2/authorize", NULL, form);
  g_assert_cmpuint (answer.status, ==, 302);
  return g_strdup (answer.location);
}

static CsOAuth2Token *
token_of (CsOAuth2Client *client,
          GAsyncResult  **slot,
          GError        **error)
{
  CsOAuth2Token *token = cs_oauth2_client_token_finish (client, cs_test_await (slot), error);

  g_clear_object (slot);
  return token;
}

static guint
call_me (CsOAuth2Client *client,
         const char     *url,
         const char     *bearer)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status = 0;

  cs_oauth2_client_call_async (client, "GET", url, bearer, NULL, NULL, NULL, cs_test_on_result,
                               &result);
  body = cs_oauth2_client_call_finish (client, cs_test_await (&result), &status, NULL, &error);
  g_assert_no_error (error);
  return status;
}

static void
test_library (Fixture      *f,
              gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  const char *token_url = cs_provider_get_oauth2_token_url (provider);
  g_autofree char *me = g_strconcat (f->base, "/2/users/me", NULL);
  g_autoptr(CsOAuth2Client) client = cs_oauth2_client_new (NULL, CS_DEMO_CLIENT_ID, NULL);
  g_autoptr(CsOAuth2Request) request = NULL;
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(CsOAuth2Token) rotated = NULL;
  g_autoptr(CsOAuth2Token) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  char *code;

  g_assert_true (cs_provider_get_protocols (provider) & CS_PROTOCOL_OAUTH2);
  g_assert_true (cs_provider_get_protocols (provider) & CS_PROTOCOL_OAUTH1);
  g_assert_true (g_str_has_prefix (token_url, f->base));
  g_assert_cmpstr (cs_provider_get_demo_client_id (provider), ==, CS_DEMO_CLIENT_ID);
  request = cs_oauth2_request_new (cs_provider_get_oauth2_authorize_url (provider),
                                   CS_DEMO_CLIENT_ID, LOOPBACK, SCOPE, &error);
  g_assert_no_error (error);
  location = browse (f, request, "allow");
  code = cs_oauth2_request_take_redirect (request, location, &error);
  g_assert_no_error (error);
  cs_oauth2_client_exchange_code_async (client, token_url, request, code, NULL, cs_test_on_result,
                                        &result);
  cs_secret_free (code);
  token = token_of (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_oauth2_token_get_expires_in (token), ==, 7200);
  g_assert_cmpuint (call_me (client, me, cs_oauth2_token_get_access_token (token)), ==, 200);

  /* Refresh rotates; the old refresh token is refused with invalid_grant. */
  cs_oauth2_client_refresh_async (client, token_url, cs_oauth2_token_get_refresh_token (token),
                                  NULL, NULL, cs_test_on_result, &result);
  rotated = token_of (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_oauth2_token_get_refresh_token (rotated), !=,
                   cs_oauth2_token_get_refresh_token (token));
  cs_oauth2_client_refresh_async (client, token_url, cs_oauth2_token_get_refresh_token (token),
                                  NULL, NULL, cs_test_on_result, &result);
  again = token_of (client, &result, &error);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_null (again);
  g_assert_cmpstr (cs_oauth2_client_get_last_error_code (client), ==, "invalid_grant");

  /* Revoked, the access token is refused. */
  cs_oauth2_client_revoke_async (client, cs_provider_get_oauth2_revoke_url (provider),
                                 cs_oauth2_token_get_access_token (rotated), "access_token",
                                 NULL, cs_test_on_result, &result);
  g_assert_true (cs_oauth2_client_revoke_finish (client, cs_test_await (&result), NULL));
  g_assert_cmpuint (call_me (client, me, cs_oauth2_token_get_access_token (rotated)), ==, 401);
}

static void
test_library_deny (Fixture      *f,
                   gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  g_autoptr(CsOAuth2Request) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  request = cs_oauth2_request_new (cs_provider_get_oauth2_authorize_url (provider),
                                   CS_DEMO_CLIENT_ID, LOOPBACK, SCOPE, &error);
  location = browse (f, request, "deny");
  g_assert_null (cs_oauth2_request_take_redirect (request, location, &error));
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED);
}

static void
test_library_app_only (Fixture      *f,
                       gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  g_autofree char *by_name = g_strconcat (f->base, "/2/users/by/username/demo_user", NULL);
  g_autoptr(CsOAuth2Client) client = cs_oauth2_client_new (NULL, CS_DEMO_CONFIDENTIAL_CLIENT_ID,
                                                           CS_DEMO_CLIENT_SECRET);
  g_autoptr(CsOAuth2Client) wrong = cs_oauth2_client_new (NULL, CS_DEMO_CONFIDENTIAL_CLIENT_ID,
                                                          "not-the-secret");
  g_autoptr(CsOAuth2Token) bearer = NULL;
  g_autoptr(CsOAuth2Token) refused = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cs_oauth2_client_client_credentials_async (client,
                                             cs_provider_get_oauth2_client_credentials_url (provider),
                                             NULL, NULL, cs_test_on_result, &result);
  bearer = token_of (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (call_me (client, by_name, cs_oauth2_token_get_access_token (bearer)), ==, 200);
  cs_oauth2_client_invalidate_async (client, cs_provider_get_oauth2_invalidate_url (provider),
                                     cs_oauth2_token_get_access_token (bearer), NULL,
                                     cs_test_on_result, &result);
  g_assert_true (cs_oauth2_client_revoke_finish (client, cs_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (call_me (client, by_name, cs_oauth2_token_get_access_token (bearer)), ==, 401);

  g_clear_object (&result);
  cs_oauth2_client_client_credentials_async (wrong, cs_provider_get_oauth2_token_url (provider),
                                             NULL, NULL, cs_test_on_result, &result);
  refused = token_of (wrong, &result, &error);
  g_assert_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED);
  g_assert_cmpstr (cs_oauth2_client_get_last_error_code (wrong), ==, "invalid_client");
}

static void
test_library_exchange (Fixture      *f,
                       gconstpointer data)
{
  CsProvider *provider = cs_demo_provider_get_provider (f->demo);
  g_autofree char *me = g_strconcat (f->base, "/2/users/me", NULL);
  g_autoptr(CsOAuth2Client) client = cs_oauth2_client_new (NULL, CS_DEMO_CLIENT_ID, NULL);
  g_autoptr(CsOAuth2Token) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *oauth1 = oauth1_access_token (f, &secret);

  g_assert_nonnull (cs_provider_get_oauth2_exchange_url (provider));
  cs_oauth2_client_exchange_oauth1_async (client, cs_provider_get_oauth2_exchange_url (provider),
                                          CS_DEMO_CONSUMER_KEY, CS_DEMO_CONSUMER_SECRET, oauth1,
                                          secret, NULL, cs_test_on_result, &result);
  token = token_of (client, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_oauth2_token_get_refresh_token (token));
  g_assert_cmpuint (call_me (client, me, cs_oauth2_token_get_access_token (token)), ==, 200);
}

/* `countersign-cli demo-provider` prints the OAuth 2.0 endpoints and clients beside the OAuth
 * 1.0a ones, and they work. */
static void
test_cli_demo_provider (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *text = cs_test_demo_cli_start (&proc);
  g_autofree char *base = cs_test_value_after_label (text, "listening on");
  g_autofree char *authorize = cs_test_value_after_label (text, "OAuth 2.0 authorize:");
  g_autofree char *token = cs_test_value_after_label (text, "OAuth 2.0 token:");
  g_autofree char *revoke_url = cs_test_value_after_label (text, "OAuth 2.0 revoke:");
  g_autofree char *invalidate = cs_test_value_after_label (text, "OAuth 2.0 invalidate:");
  g_autofree char *public_id = cs_test_value_after_label (text, "Public client ID:");
  g_autofree char *confidential = cs_test_value_after_label (text, "Confidential client:");
  g_autofree char *secret = cs_test_value_after_label (text, "Client secret:");
  g_autofree char *verifier = NULL;
  g_autofree char *code = NULL;
  g_auto(CsHttpReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (text, "Request token URL:"));
  g_assert_true (g_str_has_prefix (authorize, base));
  g_assert_cmpstr (authorize + strlen (base), ==, "/oauth2/authorize");
  g_assert_true (g_str_has_suffix (token, "/oauth2/token"));
  g_assert_true (g_str_has_suffix (revoke_url, "/oauth2/revoke"));
  g_assert_true (g_str_has_suffix (invalidate, "/oauth2/invalidate_token"));
  g_assert_cmpstr (public_id, ==, CS_DEMO_CLIENT_ID);
  g_assert_cmpstr (confidential, ==, CS_DEMO_CONFIDENTIAL_CLIENT_ID);
  g_assert_cmpstr (secret, ==, CS_DEMO_CLIENT_SECRET);

  /* The printed server speaks OAuth 2.0: a code and its tokens. */
  f->base = base;
  code = get_code (f, public_id, LOOPBACK, &verifier);
  exchange_code (f, &reply, FALSE, code, LOOPBACK, verifier);
  g_free (assert_tokens (&reply, NULL));
  f->base = cs_demo_provider_get_base_url (f->demo);

  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/demo-oauth2/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("code-flow", test_code_flow);
  ADD ("confidential-flow", test_confidential_flow);
  ADD ("deny", test_deny);
  ADD ("authorize-checks", test_authorize_checks);
  ADD ("code-checks", test_code_checks);
  ADD ("code-reused", test_code_reused);
  ADD ("expiry", test_expiry);
  ADD ("lifetime-hook", test_lifetime_hook);
  ADD ("lifetime-env", test_lifetime_env);
  ADD ("client-mixups", test_client_mixups);
  ADD ("refresh-rotates", test_refresh_rotates);
  ADD ("revoke", test_revoke);
  ADD ("client-credentials", test_client_credentials);
  ADD ("exchange", test_exchange);
  ADD ("issued-secrets", test_issued_secrets);
  ADD ("cli-demo-provider", test_cli_demo_provider);
  ADD ("library", test_library);
  ADD ("library-deny", test_library_deny);
  ADD ("library-app-only", test_library_app_only);
  ADD ("library-exchange", test_library_exchange);
#undef ADD
  return g_test_run ();
}
