/* cs-signer.c — OAuth 1.0a request signing (RFC 5849 §3.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-signer.h"

#define NONCE_LENGTH 32

typedef struct
{
  const char *scheme;
  gsize       scheme_len;
  const char *host;
  gsize       host_len;
  int         port;         /* -1 when the URL names none */
  const char *path;
  gsize       path_len;
  const char *query;        /* NULL when there is no '?' */
  gsize       query_len;
} UrlParts;

/* An encoded name and value, pointing into one shared buffer. */
typedef struct
{
  gsize name;
  gsize value;
} EncodedPair;

static const char *method_names[] = {
  [CS_SIGNATURE_METHOD_HMAC_SHA1] = "HMAC-SHA1",
  [CS_SIGNATURE_METHOD_HMAC_SHA256] = "HMAC-SHA256",
  [CS_SIGNATURE_METHOD_PLAINTEXT] = "PLAINTEXT",
  [CS_SIGNATURE_METHOD_RSA_SHA1] = "RSA-SHA1",
};

void
cs_sign_options_init (CsSignOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->method = CS_SIGNATURE_METHOD_HMAC_SHA1;
}

const char *
cs_signature_method_to_string (CsSignatureMethod method)
{
  g_return_val_if_fail (method <= CS_SIGNATURE_METHOD_RSA_SHA1, NULL);

  return method_names[method];
}

gboolean
cs_signature_method_from_string (const char        *name,
                                 CsSignatureMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_ascii_strcasecmp (name, method_names[i]) == 0)
      {
        *method = (CsSignatureMethod) i;
        return TRUE;
      }
  return FALSE;
}

void
cs_signature_free (CsSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->header);
  g_free (signature->base_string);
  /* A PLAINTEXT signature is the secrets themselves. */
  cs_secret_free (signature->signature);
  g_free (signature->nonce);
  g_free (signature->timestamp);
  g_free (signature);
}

gboolean
cs_is_printable_ascii (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

/* 32 letters and digits from GnuTLS's CSPRNG; rejection sampling keeps them uniform. */
char *
cs_nonce_new (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *nonce = g_malloc (NONCE_LENGTH + 1);
  guint n = 0;

  while (n < NONCE_LENGTH)
    {
      guchar buf[48];

      if (gnutls_rnd (GNUTLS_RND_NONCE, buf, sizeof buf) < 0)
        g_error ("The system random number generator failed");
      for (guint i = 0; i < sizeof buf && n < NONCE_LENGTH; i++)
        if (buf[i] < 248) /* 248 = 4 × 62 */
          nonce[n++] = alphabet[buf[i] % 62];
    }
  nonce[NONCE_LENGTH] = '\0';
  return nonce;
}

static gboolean
url_split (const char *url,
           UrlParts   *parts,
           GError    **error)
{
  const char *p;
  const char *auth_end;
  const char *host_end;

  memset (parts, 0, sizeof *parts);
  parts->port = -1;

  for (p = url; *p; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      {
        g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                     _("The URL contains a space or a control character"));
        return FALSE;
      }

  p = strstr (url, "://");
  if (p == NULL || p == url)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL must start with http:// or https://"));
      return FALSE;
    }
  parts->scheme = url;
  parts->scheme_len = p - url;
  if (!(parts->scheme_len == 4 && g_ascii_strncasecmp (url, "http", 4) == 0) &&
      !(parts->scheme_len == 5 && g_ascii_strncasecmp (url, "https", 5) == 0))
    {
      g_autofree char *scheme = g_strndup (url, MIN (parts->scheme_len, 20));

      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL scheme “%s” is not supported: use http or https"),
                   g_utf8_validate (scheme, -1, NULL) ? scheme : "?");
      return FALSE;
    }

  parts->host = p + 3;
  auth_end = parts->host + strcspn (parts->host, "/?#");
  if (memchr (parts->host, '@', auth_end - parts->host) != NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL must not contain a user name or password"));
      return FALSE;
    }

  if (*parts->host == '[')
    {
      const char *close = memchr (parts->host, ']', auth_end - parts->host);

      if (close == NULL)
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                       _("The URL’s IPv6 address has no closing “]”"));
          return FALSE;
        }
      host_end = close + 1;
      if (host_end != auth_end && *host_end != ':')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                       _("The URL’s host is malformed"));
          return FALSE;
        }
    }
  else
    {
      host_end = memchr (parts->host, ':', auth_end - parts->host);
      if (host_end == NULL)
        host_end = auth_end;
    }
  parts->host_len = host_end - parts->host;
  if (parts->host_len == 0 || (*parts->host == '[' && parts->host_len <= 2))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The URL has no host name"));
      return FALSE;
    }

  if (host_end < auth_end && host_end + 1 < auth_end)
    {
      int port = 0;

      for (p = host_end + 1; p < auth_end; p++)
        {
          if (!g_ascii_isdigit (*p) || port > 65535)
            {
              g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                           _("The URL’s port is not a number from 1 to 65535"));
              return FALSE;
            }
          port = port * 10 + (*p - '0');
        }
      if (port < 1 || port > 65535)
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                       _("The URL’s port is not a number from 1 to 65535"));
          return FALSE;
        }
      parts->port = port;
    }

  parts->path = auth_end;
  parts->path_len = strcspn (auth_end, "?#");
  p = auth_end + parts->path_len;
  if (*p == '?')
    {
      parts->query = p + 1;
      parts->query_len = strcspn (parts->query, "#");
    }
  return TRUE;
}

static void
append_base_uri (GString        *out,
                 const UrlParts *parts)
{
  gboolean https = parts->scheme_len == 5;

  for (gsize i = 0; i < parts->scheme_len; i++)
    g_string_append_c (out, g_ascii_tolower (parts->scheme[i]));
  g_string_append (out, "://");
  for (gsize i = 0; i < parts->host_len; i++)
    g_string_append_c (out, g_ascii_tolower (parts->host[i]));
  if (parts->port > 0 && !(https && parts->port == 443) && !(!https && parts->port == 80))
    g_string_append_printf (out, ":%d", parts->port);
  if (parts->path_len == 0)
    g_string_append_c (out, '/');
  else
    g_string_append_len (out, parts->path, parts->path_len);
}

char *
cs_base_string_uri (const char *url,
                    GError    **error)
{
  UrlParts parts;
  GString *out;

  g_return_val_if_fail (url != NULL, NULL);

  if (!url_split (url, &parts, error))
    return NULL;
  out = g_string_new (NULL);
  append_base_uri (out, &parts);
  return g_string_free (out, FALSE);
}

/* Adds the URL's query parameters to @params (decoded, `+` as space). */
gboolean
cs_url_collect_params (const char *url,
                       GPtrArray  *params,
                       GError    **error)
{
  UrlParts parts;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (!url_split (url, &parts, error))
    return FALSE;
  if (parts.query == NULL)
    return TRUE;
  if (!cs_form_parse_append (params, parts.query, parts.query_len, error))
    {
      g_prefix_error (error, _("In the URL’s query: "));
      return FALSE;
    }
  return TRUE;
}

static int
compare_pairs_r (const void *a,
                 const void *b,
                 void       *buffer)
{
  const EncodedPair *pa = a;
  const EncodedPair *pb = b;
  const char *buf = buffer;
  int r = strcmp (buf + pa->name, buf + pb->name);

  if (r != 0)
    return r;
  return strcmp (buf + pa->value, buf + pb->value);
}

/* The normalized parameter string of §3.4.1.3.2, appended to @out already encoded again. */
static void
append_normalized_params (GString   *out,
                          GPtrArray *params)
{
  g_autoptr(GString) buf = g_string_sized_new (512);
  g_autofree EncodedPair *pairs = g_new (EncodedPair, params->len);
  guint n = 0;

  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);

      if (strcmp (param->name, "oauth_signature") == 0)
        continue;
      pairs[n].name = buf->len;
      cs_percent_encode_append (buf, param->name, -1);
      g_string_append_c (buf, '\0');
      pairs[n].value = buf->len;
      cs_percent_encode_append (buf, param->value, -1);
      g_string_append_c (buf, '\0');
      n++;
    }

  g_qsort_with_data (pairs, n, sizeof (EncodedPair), compare_pairs_r, buf->str);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, "%26");
      cs_percent_encode_append (out, buf->str + pairs[i].name, -1);
      g_string_append (out, "%3D");
      cs_percent_encode_append (out, buf->str + pairs[i].value, -1);
    }
}

static void
append_method (GString    *out,
               const char *http_method)
{
  for (const char *p = http_method; *p; p++)
    g_string_append_c (out, g_ascii_toupper (*p));
}

/**
 * cs_signature_base_string:
 * @http_method: the HTTP method (upper-cased here)
 * @base_uri: the base string URI, from cs_base_string_uri()
 * @params: every decoded parameter (query, body, protocol); `oauth_signature` is skipped
 *
 * Returns: the signature base string of RFC 5849 §3.4.1.
 */
char *
cs_signature_base_string (const char *http_method,
                          const char *base_uri,
                          GPtrArray  *params)
{
  GString *out;

  g_return_val_if_fail (http_method != NULL, NULL);
  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  out = g_string_sized_new (1024);
  append_method (out, http_method);
  g_string_append_c (out, '&');
  cs_percent_encode_append (out, base_uri, -1);
  g_string_append_c (out, '&');
  append_normalized_params (out, params);
  return g_string_free (out, FALSE);
}

static char *
signing_key (const char *consumer_secret,
             const char *token_secret)
{
  GString *key = g_string_sized_new (128);

  cs_percent_encode_append (key, consumer_secret ? consumer_secret : "", -1);
  g_string_append_c (key, '&');
  cs_percent_encode_append (key, token_secret ? token_secret : "", -1);
  return g_string_free (key, FALSE);
}

static char *
sign_rsa_sha1 (const char *base_string,
               const char *private_key_pem,
               GError    **error)
{
  gnutls_privkey_t key = NULL;
  gnutls_datum_t pem;
  gnutls_datum_t data;
  gnutls_datum_t sig = { NULL, 0 };
  char *result = NULL;
  int ret;

  if (private_key_pem == NULL || *private_key_pem == '\0')
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("RSA-SHA1 needs a PEM private key"));
      return NULL;
    }

  pem.data = (unsigned char *) private_key_pem;
  pem.size = strlen (private_key_pem);
  data.data = (unsigned char *) base_string;
  data.size = strlen (base_string);

  if ((ret = gnutls_privkey_init (&key)) < 0 ||
      (ret = gnutls_privkey_import_x509_raw (key, &pem, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("The private key is not a readable PEM RSA key: %s"),
                   gnutls_strerror (ret));
      goto out;
    }
  if (gnutls_privkey_get_pk_algorithm (key, NULL) != GNUTLS_PK_RSA)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("The private key is not an RSA key"));
      goto out;
    }
  if ((ret = gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA1, 0, &data, &sig)) < 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY,
                   _("Signing with the RSA key failed: %s"), gnutls_strerror (ret));
      goto out;
    }
  result = g_base64_encode (sig.data, sig.size);

out:
  gnutls_free (sig.data);
  if (key != NULL)
    gnutls_privkey_deinit (key);
  return result;
}

/**
 * cs_signature_compute:
 *
 * Returns: the raw signature of @base_string: base64 for HMAC and RSA, the signing key
 *   itself for PLAINTEXT. Free with cs_secret_free().
 */
char *
cs_signature_compute (CsSignatureMethod method,
                      const char       *base_string,
                      const char       *consumer_secret,
                      const char       *token_secret,
                      const char       *private_key_pem,
                      GError          **error)
{
  guchar digest[32];
  char *key;
  char *result;
  gnutls_mac_algorithm_t mac;
  gsize digest_len;

  g_return_val_if_fail (base_string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (method)
    {
    case CS_SIGNATURE_METHOD_PLAINTEXT:
      return signing_key (consumer_secret, token_secret);
    case CS_SIGNATURE_METHOD_RSA_SHA1:
      return sign_rsa_sha1 (base_string, private_key_pem, error);
    case CS_SIGNATURE_METHOD_HMAC_SHA1:
      mac = GNUTLS_MAC_SHA1;
      digest_len = 20;
      break;
    case CS_SIGNATURE_METHOD_HMAC_SHA256:
      mac = GNUTLS_MAC_SHA256;
      digest_len = 32;
      break;
    default:
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
                   _("Unknown signature method"));
      return NULL;
    }

  key = signing_key (consumer_secret, token_secret);
  if (gnutls_hmac_fast (mac, key, strlen (key), base_string, strlen (base_string), digest) < 0)
    {
      cs_secret_free (key);
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_KEY, _("HMAC computation failed"));
      return NULL;
    }
  cs_secret_free (key);
  result = g_base64_encode (digest, digest_len);
  explicit_bzero (digest, sizeof digest);
  return result;
}

/* Constant-time comparison of the expected and the received signature (HMAC, PLAINTEXT). */
gboolean
cs_signature_verify (CsSignatureMethod method,
                     const char       *base_string,
                     const char       *signature,
                     const char       *consumer_secret,
                     const char       *token_secret)
{
  g_autoptr(GError) error = NULL;
  char *expected;
  gsize a_len;
  gsize b_len;
  guchar diff;

  g_return_val_if_fail (base_string != NULL, FALSE);

  if (signature == NULL || method == CS_SIGNATURE_METHOD_RSA_SHA1)
    return FALSE;
  expected = cs_signature_compute (method, base_string, consumer_secret, token_secret, NULL,
                                   &error);
  if (expected == NULL)
    return FALSE;

  a_len = strlen (expected);
  b_len = strlen (signature);
  diff = a_len != b_len;
  for (gsize i = 0; i < MIN (a_len, b_len); i++)
    diff |= (guchar) expected[i] ^ (guchar) signature[i];
  cs_secret_free (expected);
  return diff == 0;
}

static void
append_header_param (GString    *out,
                     const char *name,
                     const char *value)
{
  if (out->len > 6)
    g_string_append (out, ", ");
  g_string_append (out, name);
  g_string_append (out, "=\"");
  cs_percent_encode_append (out, value, -1);
  g_string_append_c (out, '"');
}

static void
append_realm (GString    *out,
              const char *realm)
{
  g_string_append (out, "realm=\"");
  for (const char *p = realm; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
check_options (const CsSignOptions *options,
               GError             **error)
{
  if (options->consumer_key == NULL || *options->consumer_key == '\0')
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The consumer key is empty"));
      return FALSE;
    }
  if (!cs_is_printable_ascii (options->consumer_key))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The consumer key contains a character that is not printable ASCII; "
                     "consumer keys are plain letters and digits"));
      return FALSE;
    }
  if (options->nonce != NULL && (*options->nonce == '\0' || !cs_is_printable_ascii (options->nonce)))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The nonce must be non-empty printable ASCII"));
      return FALSE;
    }
  if (options->method > CS_SIGNATURE_METHOD_RSA_SHA1)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
                   _("Unknown signature method"));
      return FALSE;
    }
  if (options->realm != NULL && !g_utf8_validate (options->realm, -1, NULL))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The realm is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
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
 */
CsSignature *
cs_sign (const char          *http_method,
         const char          *url,
         const char          *form_body,
         const CsSignOptions *options,
         GError             **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GString) base = NULL;
  GString *header;
  UrlParts parts;
  const char *method_name;

  g_return_val_if_fail (http_method != NULL && *http_method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, error) || !url_split (url, &parts, error))
    return NULL;

  params = cs_param_list_new ();
  if (parts.query != NULL && !cs_form_parse_append (params, parts.query, parts.query_len, error))
    {
      g_prefix_error (error, _("In the URL’s query: "));
      return NULL;
    }
  if (form_body != NULL && !cs_form_parse_append (params, form_body, -1, error))
    {
      g_prefix_error (error, _("In the form body: "));
      return NULL;
    }

  sig = g_new0 (CsSignature, 1);
  sig->nonce = options->nonce ? g_strdup (options->nonce) : cs_nonce_new ();
  sig->timestamp = options->timestamp
                     ? g_strdup (options->timestamp)
                     : g_strdup_printf ("%" G_GINT64_FORMAT,
                                        g_get_real_time () / G_USEC_PER_SEC +
                                          options->timestamp_offset);
  method_name = method_names[options->method];

  if (options->callback != NULL)
    cs_param_list_add (params, "oauth_callback", options->callback);
  cs_param_list_add (params, "oauth_consumer_key", options->consumer_key);
  cs_param_list_add (params, "oauth_nonce", sig->nonce);
  cs_param_list_add (params, "oauth_signature_method", method_name);
  cs_param_list_add (params, "oauth_timestamp", sig->timestamp);
  if (options->token != NULL)
    cs_param_list_add (params, "oauth_token", options->token);
  if (options->verifier != NULL)
    cs_param_list_add (params, "oauth_verifier", options->verifier);
  if (!options->omit_version)
    cs_param_list_add (params, "oauth_version", "1.0");

  base = g_string_sized_new (1024);
  append_method (base, http_method);
  g_string_append_c (base, '&');
  {
    g_autoptr(GString) uri = g_string_sized_new (128);

    append_base_uri (uri, &parts);
    cs_percent_encode_append (base, uri->str, uri->len);
  }
  g_string_append_c (base, '&');
  append_normalized_params (base, params);
  sig->base_string = g_strndup (base->str, base->len);

  sig->signature = cs_signature_compute (options->method, sig->base_string,
                                         options->consumer_secret, options->token_secret,
                                         options->private_key_pem, error);
  if (sig->signature == NULL)
    return NULL;

  /* The protocol parameters, in the order they sort in. */
  header = g_string_sized_new (512);
  g_string_append (header, "OAuth ");
  if (options->realm != NULL)
    append_realm (header, options->realm);
  if (options->callback != NULL)
    append_header_param (header, "oauth_callback", options->callback);
  append_header_param (header, "oauth_consumer_key", options->consumer_key);
  append_header_param (header, "oauth_nonce", sig->nonce);
  append_header_param (header, "oauth_signature", sig->signature);
  append_header_param (header, "oauth_signature_method", method_name);
  append_header_param (header, "oauth_timestamp", sig->timestamp);
  if (options->token != NULL)
    append_header_param (header, "oauth_token", options->token);
  if (options->verifier != NULL)
    append_header_param (header, "oauth_verifier", options->verifier);
  if (!options->omit_version)
    append_header_param (header, "oauth_version", "1.0");
  sig->header = g_string_free (header, FALSE);

  return g_steal_pointer (&sig);
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/**
 * cs_authorization_header_parse:
 * @header: an `Authorization` header value (`OAuth name="value", …`)
 * @realm: (out) (optional): the realm, when given
 * @error: a malformed header
 *
 * Returns: the decoded protocol parameters, in the header's order, `realm` excluded.
 */
GPtrArray *
cs_authorization_header_parse (const char *header,
                               char      **realm,
                               GError    **error)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();
  g_autofree char *realm_value = NULL;
  const char *p;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  p = skip_spaces (header);
  if (g_ascii_strncasecmp (p, "OAuth", 5) != 0 || (p[5] != ' ' && p[5] != '\0'))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                   _("The Authorization header does not use the OAuth scheme"));
      return NULL;
    }
  p = skip_spaces (p + 5);

  while (*p)
    {
      const char *name = p;
      gsize name_len;
      g_autoptr(GString) raw = g_string_new (NULL);

      while (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
        p++;
      name_len = p - name;
      p = skip_spaces (p);
      if (name_len == 0 || *p != '=' || p[1] != '"')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                       _("The Authorization header is malformed: expected name=\"value\""));
          return NULL;
        }
      for (p += 2; *p && *p != '"'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          g_string_append_c (raw, *p);
        }
      if (*p != '"')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                       _("The Authorization header has an unterminated quoted value"));
          return NULL;
        }
      p = skip_spaces (p + 1);

      if (name_len == 5 && strncmp (name, "realm", 5) == 0)
        {
          g_free (realm_value);
          realm_value = g_strndup (raw->str, raw->len);
        }
      else
        {
          g_autofree char *key = g_strndup (name, name_len);
          char *value = cs_percent_decode (raw->str, raw->len, FALSE, NULL, error);

          if (value == NULL)
            return NULL;
          cs_param_list_add (params, key, value);
          cs_secret_free (value);
        }

      if (*p == ',')
        p = skip_spaces (p + 1);
      else if (*p != '\0')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                       _("The Authorization header is malformed: expected a comma"));
          return NULL;
        }
    }

  if (realm != NULL)
    *realm = g_steal_pointer (&realm_value);
  return g_steal_pointer (&params);
}
