/* cs-oauth2-pkce.c — PKCE (RFC 7636, S256) and the state parameter, from a CSPRNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "cs-oauth2-pkce.h"

/* RFC 7636 §4.1: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" (66 characters). */
static const char verifier_chars[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
/* 64 characters: a byte's low six bits pick one without bias. */
static const char state_chars[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void
random_bytes (guint8 *buf,
              gsize   len)
{
  /* Failing here means the system has no usable random source: nothing safe can follow. */
  if (gnutls_rnd (GNUTLS_RND_KEY, buf, len) < 0)
    g_error ("The system's random number generator failed");
}

char *
cs_oauth2_new_code_verifier (void)
{
  const guint n_chars = sizeof verifier_chars - 1;
  /* The largest multiple of 66 in a byte: bytes above it are drawn again (no modulo bias). */
  const guint limit = 256 - 256 % n_chars;
  char *out = g_malloc (CS_OAUTH2_VERIFIER_LENGTH + 1);
  guint8 buf[64];
  guint filled = 0;

  while (filled < CS_OAUTH2_VERIFIER_LENGTH)
    {
      random_bytes (buf, sizeof buf);
      for (guint i = 0; i < sizeof buf && filled < CS_OAUTH2_VERIFIER_LENGTH; i++)
        if (buf[i] < limit)
          out[filled++] = verifier_chars[buf[i] % n_chars];
    }
  out[filled] = '\0';
  explicit_bzero (buf, sizeof buf);
  return out;
}

char *
cs_oauth2_new_state (void)
{
  char *out = g_malloc (CS_OAUTH2_STATE_LENGTH + 1);
  guint8 buf[CS_OAUTH2_STATE_LENGTH];

  random_bytes (buf, sizeof buf);
  for (guint i = 0; i < CS_OAUTH2_STATE_LENGTH; i++)
    out[i] = state_chars[buf[i] & 63];
  out[CS_OAUTH2_STATE_LENGTH] = '\0';
  explicit_bzero (buf, sizeof buf);
  return out;
}

gboolean
cs_oauth2_verifier_is_valid (const char *verifier)
{
  gsize len;

  if (verifier == NULL)
    return FALSE;
  len = strlen (verifier);
  if (len < 43 || len > 128)
    return FALSE;
  return strspn (verifier, verifier_chars) == len;
}

char *
cs_oauth2_code_challenge (const char *verifier)
{
  guint8 digest[32];
  char *b64;
  gsize len;

  g_return_val_if_fail (verifier != NULL, NULL);

  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, verifier, strlen (verifier), digest) < 0)
    g_error ("SHA-256 is not available");
  b64 = g_base64_encode (digest, sizeof digest);
  /* base64url (RFC 4648 §5) without padding, as RFC 7636 Appendix A says. */
  for (char *p = b64; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  len = strlen (b64);
  while (len > 0 && b64[len - 1] == '=')
    b64[--len] = '\0';
  return b64;
}
