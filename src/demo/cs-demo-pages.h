/* cs-demo-pages.h — the demo provider's HTML pages: the consent page and its answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent page (GET /oauth/authorize?oauth_token=…) shows a form that POSTs back
 * oauth_token and action=allow|deny. Allow authorizes the request token: with an "oob"
 * callback the answer is a page with the PIN (id "pin"), else a 302 to the callback with
 * oauth_token and oauth_verifier. Deny forgets the request token: a page (id "denied") for
 * "oob", else a 302 to the callback with denied=TOKEN. A token that is unknown, used or
 * refused gets a 400 page, and so does an unknown action. Tests find the page's parts by
 * these ids; the text is translated.
 */
#pragma once

#include <libsoup/soup.h>

#include "cs-demo-private.h"

G_BEGIN_DECLS

void cs_demo_pages_show_authorize   (CsDemoProvider    *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
void cs_demo_pages_answer_authorize (CsDemoProvider    *self,
                                     SoupServerMessage *msg);

/* A page titled @title (translated) around @body_html (already escaped). */
void  cs_demo_pages_reply_html  (CsDemoProvider    *self,
                                 SoupServerMessage *msg,
                                 guint              status,
                                 const char        *title,
                                 const char        *body_html);
/* A paragraph of (translated) text, escaped; @id may be NULL. */
char *cs_demo_pages_paragraph   (const char        *id,
                                 const char        *text);

G_END_DECLS
