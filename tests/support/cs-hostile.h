/* cs-hostile.h — a scriptable, badly behaved OAuth provider on loopback, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real SoupServer (or raw sockets for what is not HTTP) that answers what the test tells
 * it to, and records what reached it. It runs on the thread-default main context of the
 * thread that made it, so the test iterates that context while a client talks to it. The
 * scripted cases that every front end runs are the table in cs-hostile-cases.h.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  HOSTILE_ANSWER,       /* status + body + content type */
  HOSTILE_STALL,        /* never answers */
  HOSTILE_TRICKLE,      /* 200, chunked, one byte every half second, never ends */
  HOSTILE_HUGE,         /* 200, chunked, 64 MiB */
  HOSTILE_CLOCK,        /* checks oauth_timestamp against its own clock (+ clock_offset) */
} HostileMode;

typedef struct
{
  SoupServer  *server;
  char        *base;             /* http(s)://127.0.0.1:PORT */
  HostileMode  mode;
  guint        status;
  GBytes      *body;
  char        *content_type;
  char        *location;
  char        *date;             /* a Date header to send instead of the real one */
  gboolean     echo_authorization;
  gint64       clock_offset;
  int          clock_style;      /* HOSTILE_CLOCK rejects with: 0 a bare 401, 1 Twitter's code
                                  * 135, 2 oauth_problem=timestamp_refused */

  guint        requests;
  GPtrArray   *authorizations;   /* of char*, "" when none */
  GPtrArray   *methods;
  GPtrArray   *queries;          /* of char*, "" when none */
  GPtrArray   *bodies;           /* of char* */
  GSList      *paused;
  guint64      huge_sent;
  GList       *timers;
} Hostile;

/* @tls: 0 plain http, 1 a self-signed certificate, 2 an expired self-signed one.
 * @address: "127.0.0.1" or another loopback address such as "127.0.0.2". */
Hostile *hostile_new_full (int         tls,
                           const char *address);
/* Plain http on 127.0.0.1, answering 200 with an empty body until scripted. */
Hostile *hostile_new      (void);
void     hostile_free     (Hostile    *h);
/* HOSTILE_ANSWER with @status, @content_type and @body (@len bytes; -1: up to its nul). */
void     hostile_script   (Hostile    *h,
                           guint       status,
                           const char *content_type,
                           const char *body,
                           gssize      len);
/* @h->base + @path. */
char    *hostile_url      (Hostile    *h,
                           const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hostile, hostile_free)

/* Raw TCP for what is not HTTP: each connection gets @reply after the request arrives. */
typedef struct
{
  GSocketService *service;
  char           *base;
  char           *reply;
  gboolean        reset;     /* close with RST instead of FIN */
  volatile gint   connections;
} RawServer;

RawServer *raw_server_new  (const char *reply,
                            gboolean    reset);
void       raw_server_free (RawServer  *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawServer, raw_server_free)

/* A port on 127.0.0.1 where nothing listens (bound, then closed). */
guint      unused_port     (void);

G_END_DECLS
