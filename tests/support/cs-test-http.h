/* cs-test-http.h — a browser's side of the conversation, for tests: send one request, read
 * what a page or an address carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "cs-percent.h"

G_BEGIN_DECLS

typedef struct
{
  guint  status;
  char  *body;
  char  *location;   /* the Location header, if any */
  char  *date;       /* the Date header, if any */
  char  *www_authenticate; /* the WWW-Authenticate header, if any */
} CsHttpReply;

void       cs_http_reply_clear  (CsHttpReply *reply);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsHttpReply, cs_http_reply_clear)

/* Sends one request without following redirects, iterating the main context (so that a
 * provider running in this process can answer). @authorization and @form_body may be NULL. */
void       cs_http_send         (CsHttpReply *reply,
                                 const char  *method,
                                 const char  *url,
                                 const char  *authorization,
                                 const char  *form_body);

/* `name=value` lines, as request-token, access-token and authorize print them: a CsParam
 * list (cs-percent.h). */
GPtrArray *cs_parse_lines       (const char  *out);

/* The text of the element with id="@id" in a simple HTML page (no nesting inside it), or
 * NULL. */
char      *cs_html_element_text (const char  *html,
                                 const char  *id);

/* The value of @name in a URL's query (decoded; no '+' handling needed for our tokens), or
 * NULL. */
char      *cs_url_query_value   (const char  *url,
                                 const char  *name);

G_END_DECLS
