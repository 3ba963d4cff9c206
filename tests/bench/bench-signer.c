/* bench-signer.c — cs_sign() next to the HMAC floor it cannot go below
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signs Twitter's "Creating a signature" request (the first case of
 * tests/data/signature-vectors.json) from its parameters to the finished Authorization
 * header, and in the same run measures the floor: gnutls_hmac_fast() HMAC-SHA1 and base64
 * over the precomputed base string with the precomputed key. The two alternate in rounds so
 * that drift on a shared machine hits both alike; each figure is the fastest round (the one
 * least disturbed by other load); the medians go to stderr.
 *
 * Usage: bench-signer [SIGNATURES]   (default 200000, at least 100000 counted)
 * Prints exactly:
 *   signature hCtSmYh+iHYCEqBWrE7C7hYmtUk=
 *   signer_ns_per_signature N
 *   floor_ns_per_signature N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <json-glib/json-glib.h>

#include "cs-percent.h"
#include "cs-signer.h"

#define ROUNDS 50

typedef struct
{
  JsonParser    *parser;
  const char    *method;
  const char    *url;
  const char    *body;
  const char    *base_string;
  const char    *signature;
  CsSignOptions  options;
} Vector;

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static void
load_vector (Vector *v)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  v->parser = json_parser_new ();
  if (!json_parser_load_from_file (v->parser, CS_VECTORS_JSON, &error))
    g_error ("%s: %s", CS_VECTORS_JSON, error->message);
  o = json_array_get_object_element (json_node_get_array (json_parser_get_root (v->parser)), 0);
  g_assert_cmpstr (member (o, "name"), ==, "twitter-creating-a-signature");

  v->method = member (o, "method");
  v->url = member (o, "url");
  v->body = member (o, "body");
  v->base_string = member (o, "base_string");
  v->signature = member (o, "signature");
  cs_sign_options_init (&v->options);
  v->options.consumer_key = member (o, "consumer_key");
  v->options.consumer_secret = member (o, "consumer_secret");
  v->options.token = member (o, "token");
  v->options.token_secret = member (o, "token_secret");
  v->options.nonce = member (o, "nonce");
  v->options.timestamp = member (o, "timestamp");
  v->options.omit_version = member (o, "version") == NULL;
  g_assert_true (cs_signature_method_from_string (member (o, "signature_method"),
                                                  &v->options.method));
}

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Everything a caller does: parameters in, finished header out, result freed. */
static double
run_signer (const Vector *v,
            guint         n)
{
  gint64 start = now_ns ();

  for (guint i = 0; i < n; i++)
    {
      CsSignature *sig = cs_sign (v->method, v->url, v->body, &v->options, NULL);

      if G_UNLIKELY (sig == NULL || sig->header[0] != 'O')
        g_error ("cs_sign() failed");
      cs_signature_free (sig);
    }
  return (double) (now_ns () - start) / n;
}

/* The cryptography the signer cannot avoid: HMAC-SHA1 of the base string, then base64. */
static double
run_floor (const char *key,
           gsize       key_len,
           const char *base_string,
           gsize       base_len,
           guint       n)
{
  gint64 start = now_ns ();

  for (guint i = 0; i < n; i++)
    {
      guchar digest[20];
      char *b64;

      if (gnutls_hmac_fast (GNUTLS_MAC_SHA1, key, key_len, base_string, base_len, digest) < 0)
        g_error ("gnutls_hmac_fast() failed");
      b64 = g_base64_encode (digest, sizeof digest);
      if G_UNLIKELY (b64[0] == '\0')
        g_error ("base64 failed");
      g_free (b64);
    }
  return (double) (now_ns () - start) / n;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
minimum (const double *values,
         guint         n)
{
  double m = values[0];

  for (guint i = 1; i < n; i++)
    m = MIN (m, values[i]);
  return m;
}

int
main (int   argc,
      char *argv[])
{
  Vector v;
  g_autoptr(CsSignature) sig = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  guint total = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200000;
  guint per_round;
  double signer[ROUNDS];
  double floor_ns[ROUNDS];

  total = MAX (total, 100000);
  per_round = (total + ROUNDS - 1) / ROUNDS;
  load_vector (&v);

  /* The figures only count if the signer still gets the published answer. */
  sig = cs_sign (v.method, v.url, v.body, &v.options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sig->base_string, ==, v.base_string);
  g_assert_cmpstr (sig->signature, ==, v.signature);

  cs_percent_encode_append (key, v.options.consumer_secret, -1);
  g_string_append_c (key, '&');
  cs_percent_encode_append (key, v.options.token_secret, -1);

  /* Warm caches, the allocator and GnuTLS's lazy set-up. */
  run_signer (&v, per_round / 4 + 1);
  run_floor (key->str, key->len, v.base_string, strlen (v.base_string), per_round / 4 + 1);

  for (guint r = 0; r < ROUNDS; r++)
    {
      signer[r] = run_signer (&v, per_round);
      floor_ns[r] = run_floor (key->str, key->len, v.base_string, strlen (v.base_string),
                            per_round);
    }

  printf ("signature %s\n", sig->signature);
  printf ("signer_ns_per_signature %.0f\n", minimum (signer, ROUNDS));
  printf ("floor_ns_per_signature %.0f\n", minimum (floor_ns, ROUNDS));
  fprintf (stderr, "median of %d rounds: signer %.0f ns, floor %.0f ns\n", ROUNDS,
           median (signer, ROUNDS), median (floor_ns, ROUNDS));

  g_object_unref (v.parser);
  return 0;
}
