/* cs-provider-page-private.h — what the two files of wizard step 1 share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs-provider-page.c is the page; cs-provider-page-check.c checks what is typed in it and
 * says what Continue waits for; cs-provider-page-custom.c keeps what was typed for Custom.
 */
#pragma once

#include <adwaita.h>

#include "cs-provider.h"
#include "cs-protocol-page.h"
#include "cs-provider-page.h"

G_BEGIN_DECLS

struct _CsProviderPage
{
  GtkWidget            parent_instance;

  AdwComboRow         *provider_row;
  AdwActionRow        *end_of_life_row;
  AdwEntryRow         *base_url_row;      /* only for {base} templates (issue 14) */
  AdwPreferencesGroup *provider_group;
  AdwActionRow        *developer_row;
  CsProtocolPage      *protocol_page;     /* for a provider with both protocols */
  AdwPreferencesGroup *endpoints_group;
  AdwEntryRow         *request_token_row;
  AdwEntryRow         *authorize_row;
  AdwEntryRow         *access_token_row;
  AdwEntryRow         *verify_row;
  AdwComboRow         *signature_row;
  AdwActionRow        *insecure_row;
  GtkSwitch           *insecure_switch;
  AdwPreferencesGroup *consumer_group;
  AdwEntryRow         *key_row;
  AdwEntryRow         *secret_row;
  GtkLabel            *key_message;
  AdwPreferencesGroup *options_group;
  AdwComboRow         *callback_row;
  AdwEntryRow         *callback_url_row;
  AdwEntryRow         *callback_port_row;
  AdwComboRow         *access_type_row;
  GtkSwitch           *store_switch;
  AdwActionRow        *store_row;
  AdwActionRow        *store_secret_row;
  GtkSwitch           *store_secret_switch;

  GtkLabel            *reason_label;

  GSettings           *settings;
  GPtrArray           *providers; /* the presets, the user's saved providers, then Custom */
  gboolean             valid;
  gboolean             oauth2;            /* what the oauth2 property said last */
  gboolean             trimming;
  const char          *reason;   /* a static, translated string, or NULL when valid */
};

static inline CsProvider *
selected_provider (CsProviderPage *self)
{
  guint selected = adw_combo_row_get_selected (self->provider_row);

  if (self->providers == NULL || selected >= self->providers->len)
    return NULL;

  return g_ptr_array_index (self->providers, selected);
}

static inline const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* "Custom": the one whose endpoints are typed in (saved ones are used as they are). */
static inline gboolean
is_entered (CsProvider *provider)
{
  return provider != NULL && cs_provider_get_is_custom (provider)
         && g_strcmp0 (cs_provider_get_id (provider), "custom") == 0;
}

/* Each marks its rows (the "error" style) and says whether they are good; @insecure is set
 * when an endpoint is plain http. */
gboolean    _cs_provider_page_endpoints_valid (CsProviderPage *self,
                                               gboolean       *insecure);
gboolean    _cs_provider_page_consumer_valid  (CsProviderPage *self);
gboolean    _cs_provider_page_callback_valid  (CsProviderPage *self);
/* What Continue waits for (translated), or NULL. */
const char *_cs_provider_page_find_reason     (CsProviderPage *self,
                                               gboolean        insecure);
/* A template preset on the server typed in the Server Address row. */
CsProvider *_cs_provider_page_expand_base     (CsProviderPage *self,
                                               CsProvider     *provider,
                                               GError        **error);

/* The endpoints typed for Custom, kept in the "custom-endpoints" setting and shown again in
 * empty fields (cs-provider-page-custom.c). */
void        _cs_provider_page_remember_custom (CsProviderPage *self);
void        _cs_provider_page_restore_custom  (CsProviderPage *self);

G_END_DECLS
