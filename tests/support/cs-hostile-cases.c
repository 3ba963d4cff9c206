/* cs-hostile-cases.c — the scripted hostile providers, one table for every front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cs-hostile-cases.h"
#include "cs-oauth-error.h"

#define FORM "application/x-www-form-urlencoded"
#define TS   CS_HOSTILE_TOKEN_SECRET

/* Exit statuses of countersign-cli (cs-cli.h). */
#define CLI_NETWORK  3
#define CLI_REJECTED 4

#define ANSWER(status, type, body) HOSTILE_ANSWER, 0, FALSE, status, type, body

const CsHostileCase cs_hostile_cases[] = {
  /* The provider says no. */
  { "rejected/401-json-32",
    ANSWER (401, "application/json; charset=utf-8",
            "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 401", "Could not authenticate you.", "32", "consumer key and secret", "clock" },
    NULL, CLI_REJECTED, { NULL } },
  { "rejected/401-xml-89",
    ANSWER (401, "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"89\">"
            "Invalid or expired token</error>\n</errors>\n"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 401", "Invalid or expired token", "89", "authorize again" },
    "<error", CLI_REJECTED, { NULL } },
  { "rejected/401-xml-hash",
    ANSWER (401, "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hash>\n  <request>/oauth/"
            "request_token</request>\n  <error>Failed to validate oauth signature and "
            "token</error>\n</hash>\n"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 401", "Failed to validate oauth signature and token" },
    NULL, CLI_REJECTED, { NULL } },
  { "rejected/403-415",
    ANSWER (403, "application/json",
            "{\"errors\":[{\"code\":415,\"message\":\"Callback URL not approved for this "
            "client application. Approved callback URLs can be adjusted in your "
            "application settings\"}]}"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 403", "Callback URL not approved", "415", "callback URL is not approved",
      "app’s settings" },
    NULL, CLI_REJECTED, { NULL } },
  { "rejected/403-417",
    ANSWER (403, "application/json",
            "{\"errors\":[{\"code\":417,\"message\":\"Desktop applications only support "
            "the oauth_callback value 'oob'\"}]}"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 403", "417", "PIN (oob)" },
    NULL, CLI_REJECTED, { NULL } },
  { "rejected/500-html",
    ANSWER (500, "text/html",
            "<!DOCTYPE html>\n<html><head><title>Something is technically wrong</title>"
            "</head><body><h1>Oops</h1><script>x()</script></body></html>"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 500", "Internal Server Error", "Something is technically wrong" },
    "<", CLI_REJECTED, { "The Provider Refused the Request", "Something is technically wrong" } },
  { "rejected/401-empty", ANSWER (401, "text/plain", ""),
    CS_OAUTH_ERROR_REJECTED,
    { "refused the request: HTTP 401", "Check the consumer key and the consumer secret",
      "clock" },
    "PIN", CLI_REJECTED, { "The Provider Refused the Request", "consumer secret" } },
  { "rejected/problem-reporting",
    ANSWER (401, FORM,
            "oauth_problem=signature_invalid&oauth_problem_advice=Check%20the%20secret"),
    CS_OAUTH_ERROR_REJECTED,
    { "HTTP 401", "signature_invalid", "Check the secret", "consumer secret" },
    NULL, CLI_REJECTED, { NULL } },

  /* 200, but not a token. */
  { "bad-response/empty-body", ANSWER (200, FORM, ""),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "empty body" }, NULL, CLI_REJECTED, { NULL } },
  { "bad-response/no-token-secret",
    ANSWER (200, FORM, "oauth_token=abc&oauth_callback_confirmed=true"),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "oauth_token_secret", "lacks" }, NULL, CLI_REJECTED,
    { NULL } },
  { "bad-response/no-callback-confirmed",
    ANSWER (200, FORM, "oauth_token=abc&oauth_token_secret=" TS),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "oauth_callback_confirmed=true", "lacks" }, NULL,
    CLI_REJECTED, { NULL } },
  { "bad-response/callback-not-confirmed",
    ANSWER (200, FORM, "oauth_token=abc&oauth_token_secret=" TS "&oauth_callback_confirmed=false"),
    CS_OAUTH_ERROR_BAD_RESPONSE,
    { "oauth_callback_confirmed=false", "did not accept the callback" }, NULL, CLI_REJECTED, { NULL } },
  { "bad-response/token-twice",
    ANSWER (200, FORM, "oauth_token=abc&oauth_token=evil&oauth_token_secret=" TS
                       "&oauth_callback_confirmed=true"),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "“oauth_token” 2 times" }, NULL, CLI_REJECTED, { NULL } },
  { "bad-response/raw-not-utf8",
    ANSWER (200, FORM, "oauth_token=ab\xff\xfe&oauth_token_secret=" TS
                       "&oauth_callback_confirmed=true"),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "not UTF-8" }, NULL, CLI_REJECTED, { NULL } },
  { "bad-response/encoded-not-utf8",
    ANSWER (200, FORM, "oauth_token=%ff%fe&oauth_token_secret=" TS
                       "&oauth_callback_confirmed=true"),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "not UTF-8" }, NULL, CLI_REJECTED, { NULL } },
  { "bad-response/json", ANSWER (200, FORM, "{\"oauth_token\":\"abc\"}"),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "oauth_token", "lacks" }, NULL, CLI_REJECTED,
    { "Answer Was Not Understood", "lacks" } },
  { "bad-response/not-form-encoded", ANSWER (200, FORM, "oauth_token=%zz"),
    CS_OAUTH_ERROR_BAD_RESPONSE, { "not form-encoded" }, NULL, CLI_REJECTED, { NULL } },

  /* Transport. */
  { "transport/never-answers", HOSTILE_STALL, 0, FALSE, 0, NULL, NULL,
    CS_OAUTH_ERROR_TIMEOUT, { "did not answer within 2 seconds" }, NULL, CLI_NETWORK,
    { "Could Not Reach the Provider", "did not answer within 1 second" } },
  { "transport/trickle", HOSTILE_TRICKLE, 0, FALSE, 0, NULL, NULL,
    CS_OAUTH_ERROR_TIMEOUT, { "did not answer within 2 seconds" }, NULL, CLI_NETWORK,
    { NULL } },
  { "transport/redirect", HOSTILE_ANSWER, 0, TRUE, 302, "text/plain", "",
    CS_OAUTH_ERROR_REDIRECT, { "HTTP 302", "never followed" }, NULL, CLI_NETWORK, { NULL } },
  { "transport/tls-self-signed", HOSTILE_ANSWER, 1, FALSE, 200, FORM,
    "oauth_token=a&oauth_token_secret=" TS "&oauth_callback_confirmed=true",
    CS_OAUTH_ERROR_TLS,
    { "TLS certificate", "127.0.0.1", "refused", "not signed by a trusted authority" },
    NULL, CLI_NETWORK, { "Not a Secure Connection", "not signed by a trusted authority" } },
  { "transport/tls-expired", HOSTILE_ANSWER, 2, FALSE, 200, FORM,
    "oauth_token=a&oauth_token_secret=" TS "&oauth_callback_confirmed=true",
    CS_OAUTH_ERROR_TLS, { "TLS certificate", "127.0.0.1", "refused", "expired" },
    NULL, CLI_NETWORK, { NULL } },
  { "transport/https-to-plain-http", HOSTILE_ANSWER, HOSTILE_CASE_HTTPS_TO_HTTP, FALSE, 200,
    FORM, "oauth_token=a&oauth_token_secret=" TS "&oauth_callback_confirmed=true",
    CS_OAUTH_ERROR_NOT_TLS, { "127.0.0.1", "does not speak TLS" }, "certificate", CLI_NETWORK,
    { "Not a Secure Connection", "does not speak TLS" } },
  { "transport/connection-refused", HOSTILE_ANSWER, HOSTILE_CASE_NOTHING_LISTENS, FALSE, 200,
    FORM, "oauth_token=a&oauth_token_secret=" TS "&oauth_callback_confirmed=true",
    CS_OAUTH_ERROR_NETWORK, { "Could not talk to 127.0.0.1" }, NULL, CLI_NETWORK,
    { "Could Not Reach the Provider", "Could not talk to 127.0.0.1" } },
};

const guint cs_hostile_n_cases = G_N_ELEMENTS (cs_hostile_cases);

Hostile *
cs_hostile_case_serve (const CsHostileCase *c,
                       Hostile            **thief)
{
  Hostile *h;

  *thief = NULL;
  if (c->tls != 0 && !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    return NULL;
  h = hostile_new_full (c->tls <= 2 ? c->tls : 0, "127.0.0.1");
  if (c->tls == HOSTILE_CASE_HTTPS_TO_HTTP)
    {
      /* A plain-http server answers a TLS hello with an HTTP 400, as python's does. */
      RawServer *plain = raw_server_new ("HTTP/1.0 400 Bad Request\r\nContent-Type: text/html"
                                         "\r\nContent-Length: 0\r\n\r\n", FALSE);
      char *https = g_strconcat ("https", plain->base + strlen ("http"), NULL);

      g_object_set_data_full (G_OBJECT (h->server), "plain-http", plain,
                              (GDestroyNotify) raw_server_free);
      g_free (h->base);
      h->base = https;
    }
  else if (c->tls == HOSTILE_CASE_NOTHING_LISTENS)
    soup_server_disconnect (h->server);
  if (c->mode == HOSTILE_ANSWER)
    hostile_script (h, c->status, c->content_type, c->body, -1);
  else
    h->mode = c->mode;
  if (c->redirect)
    {
      /* It would hand out a token: the client must not even ask. */
      *thief = hostile_new_full (0, "127.0.0.2");
      hostile_script (*thief, 200, FORM,
                      "oauth_token=a&oauth_token_secret=" TS "&oauth_callback_confirmed=true",
                      -1);
      h->location = hostile_url (*thief, "/steal");
    }
  return h;
}

gboolean
cs_hostile_case_times_out (const CsHostileCase *c)
{
  return c->mode == HOSTILE_STALL || c->mode == HOSTILE_TRICKLE;
}

void
cs_hostile_case_assert_told (const CsHostileCase *c,
                             const char          *message,
                             Hostile             *thief)
{
  for (guint i = 0; i < G_N_ELEMENTS (c->words) && c->words[i] != NULL; i++)
    if (strstr (message, c->words[i]) == NULL)
      g_error ("%s: “%s” is not in the message “%s”", c->name, c->words[i], message);
  if (c->absent != NULL && strstr (message, c->absent) != NULL)
    g_error ("%s: “%s” is in the message “%s”", c->name, c->absent, message);
  if (thief != NULL)
    {
      g_autofree char *target = hostile_url (thief, "/steal");

      if (strstr (message, target) == NULL)
        g_error ("%s: the redirect’s target %s is not in the message “%s”", c->name, target,
                 message);
      /* The other host heard nothing, so above all no Authorization header. */
      g_assert_cmpuint (thief->requests, ==, 0);
    }
  g_assert_null (strstr (message, CS_HOSTILE_TOKEN_SECRET));
  g_assert_true (g_utf8_validate (message, -1, NULL));
}
