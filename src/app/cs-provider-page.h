/* cs-provider-page.h — wizard step 1: provider, consumer credentials and options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cs-provider.h"

G_BEGIN_DECLS

/* The values of the callback-mode GSettings enum. */
typedef enum
{
  CS_CALLBACK_MODE_PIN,
  CS_CALLBACK_MODE_LOOPBACK,
  CS_CALLBACK_MODE_CUSTOM,
  CS_CALLBACK_MODE_APP,      /* the app link, CS_CALLBACK_APP_URL */
} CsCallbackMode;

#define CS_TYPE_PROVIDER_PAGE (cs_provider_page_get_type ())

G_DECLARE_FINAL_TYPE (CsProviderPage, cs_provider_page, CS, PROVIDER_PAGE, GtkWidget)

/* @providers: the presets (the demo first); a Custom entry is added after them. */
void            cs_provider_page_set_providers          (CsProviderPage *self,
                                                         GPtrArray      *providers);
/* Any argument may be NULL: then the last provider and empty fields are used. */
void            cs_provider_page_prefill                (CsProviderPage *self,
                                                         const char     *provider_id,
                                                         const char     *consumer_key,
                                                         const char     *consumer_secret);
/* Why Continue cannot be pressed ("Enter the consumer key"; the "reason" property), or NULL. */
const char     *cs_provider_page_get_reason             (CsProviderPage *self);
gboolean        cs_provider_page_get_valid              (CsProviderPage *self);
/* Puts the keyboard focus where typing starts: the consumer key. */
void            cs_provider_page_focus_first            (CsProviderPage *self);
/* Saves the provider and callback choices in GSettings (on Continue). */
void            cs_provider_page_remember               (CsProviderPage *self);

/* The chosen preset, or a new custom provider built from the endpoint fields. */
CsProvider     *cs_provider_page_dup_provider           (CsProviderPage *self);
const char     *cs_provider_page_get_consumer_key       (CsProviderPage *self);
const char     *cs_provider_page_get_consumer_secret    (CsProviderPage *self);
CsCallbackMode  cs_provider_page_get_callback_mode      (CsProviderPage *self);
/* The custom URL, or CS_CALLBACK_APP_URL in CS_CALLBACK_MODE_APP. */
const char     *cs_provider_page_get_custom_callback    (CsProviderPage *self);
/* The loopback port typed (remembered per provider, its preset's by default); 0: the system
 * picks one. */
guint           cs_provider_page_get_loopback_port      (CsProviderPage *self);
/* NULL (the app's default), "read" or "write". */
const char     *cs_provider_page_get_access_type        (CsProviderPage *self);
gboolean        cs_provider_page_get_allow_insecure     (CsProviderPage *self);
gboolean        cs_provider_page_get_store              (CsProviderPage *self);
gboolean        cs_provider_page_get_store_consumer_secret (CsProviderPage *self);
/* The "oauth2" property: the provider chosen speaks OAuth 2.0 only, or both and OAuth 2.0 is
 * chosen; then the wizard goes on with the client, and the consumer fields are hidden. */
gboolean        cs_provider_page_get_oauth2             (CsProviderPage *self);

G_END_DECLS
