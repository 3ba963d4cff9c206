/* cs-demo-http.h — how the demo provider reads a request and writes its answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer carries a Date header on the provider's clock (cs_demo_provider_now()), so
 * the client's clock-skew handling can be tested against it. Errors have Twitter's JSON shape:
 * {"errors":[{"code":32,"message":"Could not authenticate you."}]}.
 */
#pragma once

#include <libsoup/soup.h>

#include "cs-demo-private.h"

G_BEGIN_DECLS

/* The request body as a string; SoupServer has read it whole. */
char     *cs_demo_request_body    (SoupServerMessage *msg);
/* TRUE when the body is application/x-www-form-urlencoded. */
gboolean  cs_demo_request_is_form (SoupServerMessage *msg);
/* The URL the client signed: scheme, host and port as it addressed us, then the path. */
char     *cs_demo_request_url     (SoupServerMessage *msg);

void      cs_demo_reply           (CsDemoProvider    *self,
                                   SoupServerMessage *msg,
                                   guint              status,
                                   const char        *content_type,
                                   const char        *body);
/* @message is plain ASCII text; quotes and backslashes are escaped here. */
void      cs_demo_reply_error     (CsDemoProvider    *self,
                                   SoupServerMessage *msg,
                                   guint              status,
                                   int                code,
                                   const char        *message);
/* 200 with @params form-encoded; the encoded body is wiped once sent (it holds secrets). */
void      cs_demo_reply_form      (CsDemoProvider    *self,
                                   SoupServerMessage *msg,
                                   GPtrArray         *params);
/* 302 Found to @location. */
void      cs_demo_reply_redirect  (CsDemoProvider    *self,
                                   SoupServerMessage *msg,
                                   const char        *location);

G_END_DECLS
