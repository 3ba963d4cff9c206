/* cs-provider-page-custom.c — step 1: the endpoints last typed for Custom, kept across starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Custom" as the last provider came back with empty endpoint fields after a restart (issue
 * 12 tour): what was typed for it is kept in the "custom-endpoints" setting when the step is
 * left with Continue, and shown again by a new page. None of it is a secret.
 */
#include "config.h"

#include "cs-provider-page-private.h"

static const char * const endpoint_keys[] = {
  "request-token", "authorize", "access-token", "verify",
};

static AdwEntryRow *
endpoint_row (CsProviderPage *self,
              guint           i)
{
  AdwEntryRow *rows[] = {
    self->request_token_row, self->authorize_row, self->access_token_row, self->verify_row,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (endpoint_keys));
  g_assert (i < G_N_ELEMENTS (rows));
  return rows[i];
}

static const char *
selected_method (CsProviderPage *self)
{
  GObject *item = adw_combo_row_get_selected_item (self->signature_row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                     : "";
}

void
_cs_provider_page_remember_custom (CsProviderPage *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_keys); i++)
    g_variant_builder_add (&builder, "{ss}", endpoint_keys[i], row_text (endpoint_row (self, i)));
  g_variant_builder_add (&builder, "{ss}", "signature-method", selected_method (self));
  g_settings_set_value (self->settings, "custom-endpoints", g_variant_builder_end (&builder));
}

static void
select_method (CsProviderPage *self,
               const char     *method)
{
  GListModel *methods = adw_combo_row_get_model (self->signature_row);

  for (guint i = 0; methods != NULL && i < g_list_model_get_n_items (methods); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (methods, i);

      if (GTK_IS_STRING_OBJECT (item)
          && g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), method) == 0)
        adw_combo_row_set_selected (self->signature_row, i);
    }
}

void
_cs_provider_page_restore_custom (CsProviderPage *self)
{
  g_autoptr (GVariant) saved = g_settings_get_value (self->settings, "custom-endpoints");
  const char *value;

  /* Only into empty fields: what is typed in this window stays. */
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_keys); i++)
    if (*row_text (endpoint_row (self, i)) != '\0')
      return;
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_keys); i++)
    if (g_variant_lookup (saved, endpoint_keys[i], "&s", &value))
      gtk_editable_set_text (GTK_EDITABLE (endpoint_row (self, i)), value);
  if (g_variant_lookup (saved, "signature-method", "&s", &value))
    select_method (self, value);
}
