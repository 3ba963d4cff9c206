/* cs-token-store.c — credentials in the system keyring (libsecret, async only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only libsecret's backend-neutral API is used (secret_password_*, SecretRetrievable), so the
 * same code talks to gnome-keyring (or any Secret Service) on the host and to the Secret
 * portal inside a Flatpak sandbox. There is no fallback: when the keyring is unavailable the
 * caller gets an error and nothing is written anywhere.
 *
 * This file holds the type; the error domain, the operations and what they share are
 * listed in cs-token-store-private.h.
 */
#include "config.h"

#include "cs-token-store-private.h"

struct _CsTokenStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CsTokenStore, cs_token_store, G_TYPE_OBJECT)

static void
cs_token_store_class_init (CsTokenStoreClass *klass)
{
}

static void
cs_token_store_init (CsTokenStore *self)
{
}

CsTokenStore *
cs_token_store_new (void)
{
  return g_object_new (CS_TYPE_TOKEN_STORE, NULL);
}
