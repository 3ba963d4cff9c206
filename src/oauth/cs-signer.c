/* cs-signer.c — OAuth 1.0a request signing (RFC 5849 §3.4): cs_sign() ties the parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-auth-header-private.h"
#include "cs-base-string-private.h"
#include "cs-signature-private.h"
#include "cs-signer.h"
#include "cs-url-private.h"

void
cs_sign_options_init (CsSignOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->method = CS_SIGNATURE_METHOD_HMAC_SHA1;
}

void
cs_signature_free (CsSignature *signature)
{
  if (signature == NULL)
    return;
  /* The header holds the access token and, for PLAINTEXT, the secrets themselves; the base
   * string holds the access token (and whatever secret a form body carried). */
  cs_secret_free (signature->header);
  cs_secret_free (signature->base_string);
  /* A PLAINTEXT signature is the secrets themselves. */
  cs_secret_free (signature->signature);
  g_free (signature->nonce);
  g_free (signature->timestamp);
  g_free (signature);
}

/* Checks @options, and sets the consumer key and a fixed nonce in @pp: their lengths and
 * encodings are worked out once, here. */
static gboolean
check_options (const CsSignOptions *options,
               CsProtocolParam     *pp,
               GError             **error)
{
  if (options->consumer_key == NULL || *options->consumer_key == '\0')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The consumer key is empty"));
      return FALSE;
    }
  cs_protocol_param_set (&pp[CS_PP_CONSUMER_KEY], "oauth_consumer_key", options->consumer_key);
  if (!pp[CS_PP_CONSUMER_KEY].clean && !cs_is_printable_ascii (options->consumer_key))
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The consumer key contains a character that is not printable "
                             "ASCII; consumer keys are plain letters and digits"));
      return FALSE;
    }
  cs_protocol_param_set (&pp[CS_PP_NONCE], "oauth_nonce", options->nonce);
  if (options->nonce != NULL &&
      (*options->nonce == '\0' ||
       (!pp[CS_PP_NONCE].clean && !cs_is_printable_ascii (options->nonce))))
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The nonce must be non-empty printable ASCII"));
      return FALSE;
    }
  if (options->method > CS_SIGNATURE_METHOD_LAST)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
                           _("Unknown signature method"));
      return FALSE;
    }
  if (options->realm != NULL && !g_utf8_validate (options->realm, -1, NULL))
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The realm is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

/* Sets @error for a query or body the collector refused, with cs_form_parse_append()'s
 * message (which names the position). */
static void
set_form_error (const char *form,
                gsize       len,
                const char *prefix,
                GError    **error)
{
  g_autoptr(GPtrArray) scratch = cs_param_list_new ();
  GError *local = NULL;

  if (cs_form_parse_append (scratch, form, len, &local))
    g_set_error_literal (&local, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                         _("Malformed percent-encoding"));
  g_prefix_error (&local, "%s", prefix);
  g_propagate_error (error, local);
}

/* Starts @c with the query and the form body; on error, @c is cleared already. */
static gboolean
collect_request (CsCollector      *c,
                 const CsUrlParts *parts,
                 const char       *form_body,
                 GError          **error)
{
  gsize body_len = form_body ? strlen (form_body) : 0;

  if (parts->query_len + body_len > CS_COLLECTOR_MAX_INPUT)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The request is too large to sign"));
      return FALSE;
    }
  cs_collector_init (c);
  if (parts->query != NULL && !cs_collector_add_form (c, parts->query, parts->query_len))
    {
      cs_collector_clear (c);
      set_form_error (parts->query, parts->query_len, _("In the URL’s query: "), error);
      return FALSE;
    }
  if (form_body != NULL && !cs_collector_add_form (c, form_body, body_len))
    {
      cs_collector_clear (c);
      set_form_error (form_body, body_len, _("In the form body: "), error);
      return FALSE;
    }
  return TRUE;
}

/* A result with the nonce and timestamp it is signed with; sets the other protocol
 * parameters in @pp (check_options() set the consumer key and a fixed nonce). */
static CsSignature *
signature_start (const CsSignOptions *options,
                 CsProtocolParam     *pp)
{
  CsSignature *sig = g_new (CsSignature, 1);
  const char *method = cs_signature_method_to_string (options->method);

  sig->header = sig->base_string = sig->signature = NULL;
  if (options->nonce != NULL)
    sig->nonce = g_memdup2 (options->nonce, pp[CS_PP_NONCE].value_len + 1);
  else
    {
      sig->nonce = cs_nonce_new ();
      cs_protocol_param_set (&pp[CS_PP_NONCE], "oauth_nonce", sig->nonce);
    }
  pp[CS_PP_NONCE].value = sig->nonce;
  sig->timestamp = options->timestamp
                     ? g_strdup (options->timestamp)
                     : g_strdup_printf ("%" G_GINT64_FORMAT,
                                        g_get_real_time () / G_USEC_PER_SEC +
                                          options->timestamp_offset);

  cs_protocol_param_set (&pp[CS_PP_BODY_HASH], "oauth_body_hash", options->body_hash);
  cs_protocol_param_set (&pp[CS_PP_CALLBACK], "oauth_callback", options->callback);
  cs_protocol_param_set (&pp[CS_PP_SIGNATURE], "oauth_signature", NULL);
  /* Constant, unreserved values need no scan. */
  pp[CS_PP_SIGNATURE_METHOD] =
    (CsProtocolParam) { "oauth_signature_method", 22, method, strlen (method), TRUE };
  cs_protocol_param_set (&pp[CS_PP_TIMESTAMP], "oauth_timestamp", sig->timestamp);
  cs_protocol_param_set (&pp[CS_PP_TOKEN], "oauth_token", options->token);
  cs_protocol_param_set (&pp[CS_PP_VERIFIER], "oauth_verifier", options->verifier);
  pp[CS_PP_VERSION] = (CsProtocolParam) { "oauth_version", 13,
                                          options->omit_version ? NULL : "1.0", 3,
                                          !options->omit_version };
  return sig;
}

/* Adds the protocol parameters to @c and writes the base string, with the URI encoded on
 * the way (no second pass); clears @c. */
static char *
base_string_finish (CsCollector           *c,
                    const char            *http_method,
                    const CsUrlParts      *parts,
                    const CsProtocolParam *pp,
                    gsize                 *base_len)
{
  char uri_stack[512];
  gsize uri_size = 3 * cs_url_base_uri_max_len (parts) + CS_PERCENT_SLACK;
  char *uri = uri_size <= sizeof uri_stack ? uri_stack : g_malloc (uri_size);
  gsize uri_len = cs_url_write_base_uri (uri, parts, TRUE) - uri;
  char *base_string;

  cs_collector_add_protocol (c, pp);
  base_string = cs_collector_base_string (c, http_method, uri, uri_len, TRUE, base_len);
  if (uri != uri_stack)
    g_free (uri);
  cs_collector_clear (c);
  return base_string;
}

/**
 * cs_sign:
 * @http_method: GET, POST…
 * @url: the request URL, query included, as it will be sent
 * @form_body: (nullable): the `application/x-www-form-urlencoded` body as it will be sent
 * @options: credentials and options
 * @error: bad input (%CS_OAUTH_ERROR_INVALID_URL, %CS_OAUTH_ERROR_INVALID_INPUT…)
 *
 * Signs one request. Pure function of its arguments (and the clock and the CSPRNG when the
 * nonce or timestamp are not fixed): safe to call from any thread.
 *
 * The query and the body are decoded and encoded again in one pass, straight into their
 * base string form, on the stack for ordinary requests; each result string is allocated
 * once, at its final size.
 */
CsSignature *
cs_sign (const char          *http_method,
         const char          *url,
         const char          *form_body,
         const CsSignOptions *options,
         GError             **error)
{
  g_autoptr(CsSignature) sig = NULL;
  CsCollector c;
  CsUrlParts parts;
  CsProtocolParam pp[CS_N_PP];
  gsize base_len;

  g_return_val_if_fail (http_method != NULL && *http_method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, pp, error) || !cs_url_split (url, &parts, error) ||
      !collect_request (&c, &parts, form_body, error))
    return NULL;
  sig = signature_start (options, pp);
  sig->base_string = base_string_finish (&c, http_method, &parts, pp, &base_len);
  sig->signature = cs_signature_compute_len (options->method, sig->base_string, base_len,
                                             options->consumer_secret, options->token_secret,
                                             options->private_key_pem, error);
  if (sig->signature == NULL)
    return NULL;
  cs_protocol_param_set (&pp[CS_PP_SIGNATURE], "oauth_signature", sig->signature);
  sig->header = cs_auth_header_build (options->realm, pp);
  return g_steal_pointer (&sig);
}
