/* cs-oauth-error.h — the error domain of the OAuth layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CS_OAUTH_ERROR (cs_oauth_error_quark ())

/**
 * CsOAuthError:
 * @CS_OAUTH_ERROR_INVALID_INPUT: input the user gave is malformed (bad escape, non-ASCII key…)
 * @CS_OAUTH_ERROR_INVALID_URL: a URL that cannot be parsed or has an unsupported scheme
 * @CS_OAUTH_ERROR_UNSUPPORTED_METHOD: an unknown signature method
 * @CS_OAUTH_ERROR_KEY: the RSA private key is missing or unreadable
 * @CS_OAUTH_ERROR_INSECURE: plain http to a host that is not loopback, not allowed
 * @CS_OAUTH_ERROR_NETWORK: the connection failed
 * @CS_OAUTH_ERROR_TLS: the TLS certificate was refused
 * @CS_OAUTH_ERROR_TIMEOUT: the provider did not answer in time
 * @CS_OAUTH_ERROR_REDIRECT: the provider answered with a redirect, which is never followed
 * @CS_OAUTH_ERROR_TOO_LARGE: the response body is over the size limit
 * @CS_OAUTH_ERROR_REJECTED: the provider rejected the request (HTTP status ≥ 400)
 * @CS_OAUTH_ERROR_BAD_RESPONSE: the response lacks a required field or is malformed
 * @CS_OAUTH_ERROR_DENIED: the user refused the authorization
 * @CS_OAUTH_ERROR_CALLBACK: the loopback callback failed (wrong token, timeout…)
 * @CS_OAUTH_ERROR_PROVIDER_FILE: a provider keyfile is broken
 * @CS_OAUTH_ERROR_NOT_TLS: an https URL whose server does not speak TLS (plain http)
 *
 * The kinds the user is told apart: could not reach (NETWORK, TIMEOUT), not a secure
 * connection (TLS, NOT_TLS), refused (REJECTED: an HTTP 4xx/5xx answer) and answer not
 * understood (BAD_RESPONSE, TOO_LARGE, REDIRECT).
 */
typedef enum
{
  CS_OAUTH_ERROR_INVALID_INPUT,
  CS_OAUTH_ERROR_INVALID_URL,
  CS_OAUTH_ERROR_UNSUPPORTED_METHOD,
  CS_OAUTH_ERROR_KEY,
  CS_OAUTH_ERROR_INSECURE,
  CS_OAUTH_ERROR_NETWORK,
  CS_OAUTH_ERROR_TLS,
  CS_OAUTH_ERROR_TIMEOUT,
  CS_OAUTH_ERROR_REDIRECT,
  CS_OAUTH_ERROR_TOO_LARGE,
  CS_OAUTH_ERROR_REJECTED,
  CS_OAUTH_ERROR_BAD_RESPONSE,
  CS_OAUTH_ERROR_DENIED,
  CS_OAUTH_ERROR_CALLBACK,
  CS_OAUTH_ERROR_PROVIDER_FILE,
  CS_OAUTH_ERROR_NOT_TLS,
} CsOAuthError;

GQuark cs_oauth_error_quark (void);

G_END_DECLS
