/* cs-signed-request.h — one request signed with credentials the user already has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One-legged OAuth 1.0a, as NetSuite token-based authentication, WooCommerce, Adobe Commerce
 * integrations and Mastercard's APIs use it: the consumer key and secret (or RSA key) and,
 * when there is one, a token, sign one request; no request token, no authorization. Beyond
 * RFC 5849 a request may carry a raw body that is not form-encoded (a JSON POST), with its
 * `oauth_body_hash`, and a realm. Sent through a CsTransport (its TLS, redirect, size and
 * timeout policy). When the provider refuses it and says what it signed (`debug_sbs`), the
 * answer carries both base strings and where they part ways (cs-base-string-diff.h).
 */
#pragma once

#include <gio/gio.h>

#include "cs-signer.h"
#include "cs-transport.h"

G_BEGIN_DECLS

/**
 * CsSignedRequest:
 * @sign: the credentials and signing options (strings borrowed)
 * @http_method: GET, POST…
 * @url: the request URL, query included
 * @form_body: (nullable): a form-encoded body, signed as parameters; with a method that has
 *   no body (GET, HEAD, DELETE) it goes into the query instead
 * @body: (nullable): a raw body that is not form-encoded, sent as it is; not signed as
 *   parameters (see @body_hash). Not with @form_body.
 * @content_type: (nullable): @body's Content-Type (default application/json)
 * @body_hash: send `oauth_body_hash` of @body (of the empty body when there is none)
 */
typedef struct
{
  CsSignOptions  sign;
  const char    *http_method;
  const char    *url;
  const char    *form_body;
  const char    *body;
  const char    *content_type;
  gboolean       body_hash;
} CsSignedRequest;

/**
 * CsSignedResponse:
 * @status: the HTTP status
 * @body: the response body (wiped when freed)
 * @content_type: (nullable): its Content-Type
 * @base_string: the base string we signed
 * @provider_base_string: (nullable): the one the provider says it signed (`debug_sbs`)
 * @diff: (nullable): where the two differ (cs_base_string_diff_describe(), tokens hidden)
 */
typedef struct
{
  guint   status;
  GBytes *body;
  char   *content_type;
  char   *base_string;
  char   *provider_base_string;
  char   *diff;
} CsSignedResponse;

void              cs_signed_request_init          (CsSignedRequest   *request);

/* Signs @request as it will be sent (the form body of a bodyless method in the query, the
 * body hash computed); %CS_OAUTH_ERROR_INVALID_INPUT for a combination that cannot be sent. */
CsSignature      *cs_signed_request_sign          (const CsSignedRequest *request,
                                                   GError               **error);

/* The URL as it is sent (a bodyless method's form body in its query). */
char             *cs_signed_request_wire_url      (const CsSignedRequest *request);

/* A curl command line that sends @request with @sig's header (and the body, with its
 * Content-Type), ending with a newline. Holds secrets: free with cs_secret_free(). */
char             *cs_signed_request_curl          (const CsSignedRequest *request,
                                                   const CsSignature     *sig);

void              cs_signed_request_send_async    (CsTransport           *transport,
                                                   const CsSignedRequest *request,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
/* Errors name the host; no secret of the request is in them. A status ≥ 400 is an answer,
 * not an error. */
CsSignedResponse *cs_signed_request_send_finish   (CsTransport           *transport,
                                                   GAsyncResult          *result,
                                                   GError               **error);

void              cs_signed_response_free         (CsSignedResponse      *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSignedResponse, cs_signed_response_free)

G_END_DECLS
