/* cs-oauth2-client-private.h — one request of a CsOAuth2Client, for cs-oauth2-grants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cs-oauth2-client.h"

G_BEGIN_DECLS

typedef enum
{
  CS_OAUTH2_EXCHANGE_TOKEN,   /* finishes with a CsOAuth2Token */
  CS_OAUTH2_EXCHANGE_REVOKE,  /* finishes TRUE on a 2xx */
  CS_OAUTH2_EXCHANGE_CALL,    /* finishes with whatever came back */
} CsOAuth2ExchangeKind;

typedef struct _CsOAuth2Exchange CsOAuth2Exchange;

CsOAuth2Exchange *cs_oauth2_exchange_new        (CsOAuth2Client      *client,
                                                 CsOAuth2ExchangeKind kind,
                                                 const char          *method,
                                                 const char          *url);
void              cs_oauth2_exchange_add        (CsOAuth2Exchange    *exchange,
                                                 const char          *name,
                                                 const char          *value);
/* A code exchange's redirect_uri: a refusal for a redirect mismatch names it. */
void              cs_oauth2_exchange_set_redirect_uri (CsOAuth2Exchange *exchange,
                                                       const char       *redirect_uri);
/* @secret is scrubbed from every message of the exchange. */
void              cs_oauth2_exchange_add_secret (CsOAuth2Exchange    *exchange,
                                                 const char          *secret);
void              cs_oauth2_exchange_set_call   (CsOAuth2Exchange    *exchange,
                                                 const char          *bearer,
                                                 const char          *body,
                                                 const char          *content_type);
/* Takes @exchange. */
void              cs_oauth2_exchange_start      (CsOAuth2Exchange    *exchange,
                                                 gpointer             source_tag,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
const char       *cs_oauth2_exchange_kind_name  (CsOAuth2ExchangeKind kind);

G_END_DECLS
