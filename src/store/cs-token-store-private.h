/* cs-token-store-private.h — what the store sets on the tokens it hands out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "cs-token-store.h"

G_BEGIN_DECLS

char *cs_stored_token_compute_id          (const char    *provider_id,
                                           const char    *host,
                                           const char    *consumer_key,
                                           const char    *account);
void  cs_stored_token_set_modified        (CsStoredToken *self,
                                           gint64         modified);
/* Takes ownership of @secret (wiped when replaced or freed). */
void  cs_stored_token_take_consumer_secret (CsStoredToken *self,
                                            char          *secret);
void  cs_stored_token_take_secrets        (CsStoredToken *self,
                                           char          *token,
                                           char          *token_secret);

/* The libsecret schema io.github.countersign.Countersign.Credentials (for tests). */
const SecretSchema *cs_token_store_get_schema (void);

G_END_DECLS
