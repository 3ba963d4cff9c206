/* cs-provider-page.c — wizard step 1: provider, consumer credentials and options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-callback-server.h"
#include "cs-callback-settings.h"
#include "cs-compat.h"
#include "cs-combo-names.h"
#include "cs-oauth-client.h"
#include "cs-oauth-error.h"
#include "cs-provider.h"
#include "cs-provider-page-private.h"
#include "cs-signer.h"
#include "cs-url-rules.h"


G_DEFINE_FINAL_TYPE (CsProviderPage, cs_provider_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  PROP_REASON,
  PROP_OAUTH2,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CsSignatureMethod signature_methods[] = {
  CS_SIGNATURE_METHOD_HMAC_SHA1,
  CS_SIGNATURE_METHOD_HMAC_SHA256,
  CS_SIGNATURE_METHOD_PLAINTEXT,
};

static void
set_reason (CsProviderPage *self,
            const char     *reason)
{
  g_autofree char *shown = NULL;

  if (g_strcmp0 (reason, self->reason) == 0)
    return;
  self->reason = reason;
  /* Translators: said under step 1 while Continue cannot be pressed, e.g. "To continue:
   * Enter the consumer key."; %s is one of the "Enter …" / "Check …" phrases. */
  shown = reason != NULL ? g_strdup_printf (_("To continue: %s."), reason) : NULL;
  gtk_label_set_text (self->reason_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

/* OAuth 2.0: no consumer, no OAuth 1.0a callback or access type (the client page has them). */
static void
show_protocol (CsProviderPage *self)
{
  gboolean oauth2 = cs_provider_page_get_oauth2 (self);

  gtk_widget_set_visible (GTK_WIDGET (self->consumer_group), !oauth2);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), !oauth2);
  if (oauth2)
    gtk_widget_set_visible (GTK_WIDGET (self->key_message), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->developer_row),
                                 oauth2 ? _("Get a Client ID") : _("Get Consumer Keys"));
  if (oauth2 != self->oauth2)
    {
      self->oauth2 = oauth2;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OAUTH2]);
    }
}

static void
update_validity (CsProviderPage *self)
{
  gboolean insecure = FALSE;
  gboolean valid;

  if (cs_provider_page_get_oauth2 (self))
    {
      valid = _cs_provider_page_endpoints_valid (self, &insecure);
      gtk_widget_set_visible (GTK_WIDGET (self->insecure_row), FALSE);
      set_reason (self, valid ? NULL : _("Check the server address"));
      if (valid != self->valid)
        {
          self->valid = valid;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
        }
      return;
    }
  valid = _cs_provider_page_endpoints_valid (self, &insecure);
  gtk_widget_set_visible (GTK_WIDGET (self->insecure_row), insecure);
  if (insecure && !gtk_switch_get_active (self->insecure_switch))
    valid = FALSE;
  valid = _cs_provider_page_consumer_valid (self) && valid;
  valid = _cs_provider_page_callback_valid (self) && valid;
  valid = valid && selected_provider (self) != NULL;
  set_reason (self, valid ? NULL : _cs_provider_page_find_reason (self, insecure));

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
changed_cb (CsProviderPage *self)
{
  update_validity (self);
}

static void
protocol_changed_cb (CsProviderPage *self)
{
  show_protocol (self);
  update_validity (self);
}

/* Keys are pasted from web pages, often with a space or newline around them. */
static void
key_changed_cb (CsProviderPage *self,
                GtkEditable    *editable)
{
  const char *text = gtk_editable_get_text (editable);
  gsize length = strlen (text);

  if (!self->trimming && length > 0
      && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1])))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      self->trimming = TRUE;
      gtk_editable_set_text (editable, trimmed);
      gtk_editable_set_position (editable, -1);
      self->trimming = FALSE;
    }

  update_validity (self);
}

static void
fill_demo_consumer (CsProviderPage *self,
                    CsProvider     *provider)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  gboolean demo_filled = FALSE;

  for (guint i = 0; self->providers != NULL && i < self->providers->len; i++)
    {
      CsProvider *listed = g_ptr_array_index (self->providers, i);
      const char *demo_key = cs_provider_get_demo_consumer_key (listed);

      if (demo_key != NULL && g_strcmp0 (key, demo_key) == 0)
        demo_filled = TRUE;
    }

  if (cs_provider_get_demo_consumer_key (provider) != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_row),
                             cs_provider_get_demo_consumer_key (provider));
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row),
                             cs_provider_get_demo_consumer_secret (provider));
    }
  else if (demo_filled)
    {
      /* Demo values would only fail against a real provider. */
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
    }
}

/* The server address row for {base} templates, and an announced end of OAuth 1.0a as the
 * row under the provider list, so that nobody builds on it unwarned. */
static void
show_template_and_end (CsProviderPage *self,
                       CsProvider     *provider)
{
  g_autofree char *end = cs_provider_describe_end_of_life (provider);
  const char *example = cs_provider_get_base_url_example (provider);

  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row), cs_provider_is_template (provider));
  if (example != NULL)
    {
      /* Translators: %s is an example address, such as https://jira.example.com */
      g_autofree char *title = g_strdup_printf (_("Server Address (such as %s)"), example);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->base_url_row), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->base_url_row),
                                   _("Server Address"));
  /* A row of its own: the combo row's subtitle is the chosen provider's name (use-subtitle),
   * which libadwaita keeps for itself (on 1.7 and later a subtitle set here did not show). */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->end_of_life_row),
                                 end != NULL ? end : "");
  gtk_widget_set_visible (GTK_WIDGET (self->end_of_life_row), end != NULL);
  if (!cs_provider_is_template (provider))
    adw_preferences_group_set_description (self->provider_group, NULL);
}

static void
show_provider (CsProviderPage *self,
               gboolean        fill)
{
  CsProvider *provider = selected_provider (self);

  if (provider == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->endpoints_group), is_entered (provider));
  show_template_and_end (self, provider);
  gtk_widget_set_visible (GTK_WIDGET (self->developer_row),
                          cs_provider_get_developer_url (provider) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->access_type_row),
                          cs_provider_get_supports_access_type (provider));

  if (cs_provider_get_is_demo (provider))
    adw_preferences_group_set_description (self->consumer_group,
                                           _("The demo provider runs on this computer. Its "
                                             "consumer key and secret are filled in for you."));
  else
    adw_preferences_group_set_description (self->consumer_group,
                                           _("From your app’s page on the provider’s developer "
                                             "portal."));

  {
    CsProtocols protocols = cs_provider_get_protocols (provider);
    g_autofree char *end = cs_provider_describe_end_of_life (provider);

    gtk_widget_set_visible (GTK_WIDGET (self->protocol_page),
                            !is_entered (provider) && (protocols & CS_PROTOCOL_OAUTH1) != 0
                            && (protocols & CS_PROTOCOL_OAUTH2) != 0);
    cs_protocol_page_describe (self->protocol_page, cs_provider_get_name (provider), end != NULL);
  }
  if (fill)
    fill_demo_consumer (self, provider);
  show_protocol (self);
  update_validity (self);
}

/* The port registered with this provider's app, as last used (its preset's by default). */
static void
fill_callback_port (CsProviderPage *self)
{
  CsProvider *provider = selected_provider (self);
  guint port = provider != NULL ? cs_callback_settings_get_port (self->settings, provider) : 0;
  g_autofree char *text = port != 0 ? g_strdup_printf ("%u", port) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->callback_port_row), text);
}

static void
provider_selected_cb (CsProviderPage *self)
{
  show_provider (self, TRUE);
  fill_callback_port (self);
}

static void
developer_row_activated_cb (CsProviderPage *self)
{
  CsProvider *provider = selected_provider (self);

  g_autoptr(CsProvider) expanded = NULL;

  if (provider != NULL && cs_provider_is_template (provider))
    provider = expanded = _cs_provider_page_expand_base (self, provider, NULL);
  if (provider != NULL && cs_provider_get_developer_url (provider) != NULL)
    cs_compat_show_uri (GTK_WIDGET (self), cs_provider_get_developer_url (provider));
}

/* The row sets its switch at once: a GtkSwitch's active property changes only when its
 * animation ends, and Continue pressed before that must still see what the user chose. */
static void
toggle_now (GtkSwitch *toggle)
{
  gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
}

static void
store_row_activated_cb (CsProviderPage *self)
{
  toggle_now (self->store_switch);
}

static void
store_secret_row_activated_cb (CsProviderPage *self)
{
  toggle_now (self->store_secret_switch);
}

static void
cs_provider_page_dispose (GObject *object)
{
  CsProviderPage *self = (CsProviderPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PROVIDER_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->providers, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_provider_page_parent_class)->dispose (object);
}

static void
cs_provider_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsProviderPage *self = CS_PROVIDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_OAUTH2:
      g_value_set_boolean (value, self->oauth2);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_provider_page_class_init (CsProviderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_provider_page_dispose;
  object_class->get_property = cs_provider_page_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why Continue cannot be pressed ("Enter the consumer key"), or NULL when it can. */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OAUTH2] =
    g_param_spec_boolean ("oauth2", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_PROTOCOL_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-provider-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, provider_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, end_of_life_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, provider_group);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, developer_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, protocol_page);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, endpoints_group);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, request_token_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, authorize_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, access_token_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, verify_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, signature_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, consumer_group);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, key_message);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, options_group);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, callback_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, callback_url_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, callback_port_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, access_type_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, store_switch);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, store_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, store_secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, store_secret_switch);
  gtk_widget_class_bind_template_child (widget_class, CsProviderPage, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, protocol_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, developer_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, store_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, store_secret_row_activated_cb);
}

static void
cs_provider_page_init (CsProviderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_name_reveal_button (GTK_WIDGET (self->secret_row));
  cs_combo_names_show_whole (self->provider_row);
  cs_a11y_conceal_text (GTK_WIDGET (self->secret_row));
  cs_a11y_switch_row (GTK_WIDGET (self->store_row), self->store_switch);
  cs_a11y_switch_row (GTK_WIDGET (self->store_secret_row), self->store_secret_switch);

  self->settings = g_settings_new (APP_ID);
  /* The Preferences' default; the switch is for this authorization and never writes it. */
  g_settings_bind (self->settings, "store-credentials", self->store_switch, "active",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_swapped (self->provider_row, "notify::selected",
                            G_CALLBACK (provider_selected_cb), self);
}

void
cs_provider_page_set_providers (CsProviderPage *self,
                                GPtrArray      *providers)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (CsProvider) custom = NULL;
  g_autofree char *selected_id = NULL;
  gboolean kept = FALSE;

  g_return_if_fail (CS_IS_PROVIDER_PAGE (self));
  g_return_if_fail (providers != NULL);

  /* The list grows when the user's providers are loaded or saved: keep what is chosen. */
  if (selected_provider (self) != NULL)
    selected_id = g_strdup (cs_provider_get_id (selected_provider (self)));

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < providers->len; i++)
    g_ptr_array_add (self->providers, g_object_ref (g_ptr_array_index (providers, i)));

  custom = cs_provider_new ("custom", _("Custom"));
  cs_provider_set_is_custom (custom, TRUE);
  g_ptr_array_add (self->providers, g_steal_pointer (&custom));

  for (guint i = 0; i < self->providers->len; i++)
    gtk_string_list_append (names, cs_provider_get_name (g_ptr_array_index (self->providers, i)));

  /* Not a new choice when the same provider stays selected: the consumer fields stay. */
  g_signal_handlers_block_by_func (self->provider_row, provider_selected_cb, self);
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));
  for (guint i = 0; selected_id != NULL && i < self->providers->len; i++)
    if (g_strcmp0 (cs_provider_get_id (g_ptr_array_index (self->providers, i)), selected_id) == 0)
      {
        adw_combo_row_set_selected (self->provider_row, i);
        kept = TRUE;
        break;
      }
  g_signal_handlers_unblock_by_func (self->provider_row, provider_selected_cb, self);
  show_provider (self, !kept);
}

void
cs_provider_page_prefill (CsProviderPage *self,
                          const char     *provider_id,
                          const char     *consumer_key,
                          const char     *consumer_secret)
{
  g_autofree char *last = NULL;

  g_return_if_fail (CS_IS_PROVIDER_PAGE (self));

  if (provider_id == NULL)
    provider_id = last = g_settings_get_string (self->settings, "last-provider");

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  _cs_provider_page_restore_custom (self);
  for (guint i = 0; self->providers != NULL && i < self->providers->len; i++)
    if (g_strcmp0 (cs_provider_get_id (g_ptr_array_index (self->providers, i)), provider_id) == 0)
      {
        adw_combo_row_set_selected (self->provider_row, i);
        break;
      }
  provider_selected_cb (self);

  /* Authorize Again of an OAuth 1.0a entry: its protocol. */
  if (consumer_key != NULL)
    cs_protocol_page_set_oauth2 (self->protocol_page, FALSE);
  if (consumer_key != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), consumer_key);
  if (consumer_secret != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), consumer_secret);

  adw_combo_row_set_selected (self->callback_row,
                              g_settings_get_enum (self->settings, "callback-mode"));
  {
    g_autofree char *url = g_settings_get_string (self->settings, "custom-callback-url");

    gtk_editable_set_text (GTK_EDITABLE (self->callback_url_row), url);
  }
  adw_combo_row_set_selected (self->access_type_row, 0);
  gtk_switch_set_active (self->insecure_switch, FALSE);
  gtk_switch_set_active (self->store_switch,
                         g_settings_get_boolean (self->settings, "store-credentials"));
  gtk_switch_set_active (self->store_secret_switch, FALSE);
  update_validity (self);
}

const char *
cs_provider_page_get_reason (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), NULL);

  return self->reason;
}

gboolean
cs_provider_page_get_valid (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), FALSE);

  return self->valid;
}

void
cs_provider_page_focus_first (CsProviderPage *self)
{
  g_return_if_fail (CS_IS_PROVIDER_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

void
cs_provider_page_remember (CsProviderPage *self)
{
  CsProvider *provider;

  g_return_if_fail (CS_IS_PROVIDER_PAGE (self));

  provider = selected_provider (self);
  if (provider != NULL)
    g_settings_set_string (self->settings, "last-provider", cs_provider_get_id (provider));
  if (is_entered (provider))
    _cs_provider_page_remember_custom (self);
  g_settings_set_enum (self->settings, "callback-mode", cs_provider_page_get_callback_mode (self));
  if (cs_provider_page_get_callback_mode (self) == CS_CALLBACK_MODE_CUSTOM)
    g_settings_set_string (self->settings, "custom-callback-url",
                           cs_provider_page_get_custom_callback (self));
  if (provider != NULL && cs_provider_page_get_callback_mode (self) == CS_CALLBACK_MODE_LOOPBACK)
    cs_callback_settings_set_port (self->settings, provider,
                                   cs_provider_page_get_loopback_port (self));
}

CsProvider *
cs_provider_page_dup_provider (CsProviderPage *self)
{
  CsProvider *provider;
  CsProvider *custom;
  guint method;

  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), NULL);

  provider = selected_provider (self);
  if (provider == NULL)
    return NULL;
  if (cs_provider_is_template (provider))
    return _cs_provider_page_expand_base (self, provider, NULL);
  if (!is_entered (provider))
    return g_object_ref (provider);

  custom = cs_provider_new ("custom", _("Custom"));
  cs_provider_set_is_custom (custom, TRUE);
  cs_provider_set_request_token_url (custom, row_text (self->request_token_row));
  cs_provider_set_authorize_url (custom, row_text (self->authorize_row));
  cs_provider_set_access_token_url (custom, row_text (self->access_token_row));
  if (*row_text (self->verify_row) != '\0')
    cs_provider_set_verify_url (custom, row_text (self->verify_row));
  method = adw_combo_row_get_selected (self->signature_row);
  if (method < G_N_ELEMENTS (signature_methods))
    cs_provider_set_signature_method (custom, signature_methods[method]);

  return custom;
}

const char *
cs_provider_page_get_consumer_key (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->key_row));
}

const char *
cs_provider_page_get_consumer_secret (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), NULL);

  return cs_a11y_clear_text (GTK_WIDGET (self->secret_row));
}

CsCallbackMode
cs_provider_page_get_callback_mode (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), CS_CALLBACK_MODE_PIN);

  switch (adw_combo_row_get_selected (self->callback_row))
    {
    case 1:
      return CS_CALLBACK_MODE_LOOPBACK;
    case 2:
      return CS_CALLBACK_MODE_CUSTOM;
    case 3:
      return CS_CALLBACK_MODE_APP;
    default:
      return CS_CALLBACK_MODE_PIN;
    }
}

const char *
cs_provider_page_get_custom_callback (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), NULL);

  if (cs_provider_page_get_callback_mode (self) == CS_CALLBACK_MODE_APP)
    return CS_CALLBACK_APP_URL;
  return gtk_editable_get_text (GTK_EDITABLE (self->callback_url_row));
}

guint
cs_provider_page_get_loopback_port (CsProviderPage *self)
{
  guint port = 0;

  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), 0);

  cs_callback_settings_parse_port (row_text (self->callback_port_row), &port);
  return port;
}

const char *
cs_provider_page_get_access_type (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->access_type_row)))
    return NULL;

  switch (adw_combo_row_get_selected (self->access_type_row))
    {
    case 1:
      return "read";
    case 2:
      return "write";
    default:
      return NULL;
    }
}

gboolean
cs_provider_page_get_allow_insecure (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->insecure_row))
         && gtk_switch_get_active (self->insecure_switch);
}

gboolean
cs_provider_page_get_store (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), FALSE);

  return gtk_switch_get_active (self->store_switch);
}

gboolean
cs_provider_page_get_store_consumer_secret (CsProviderPage *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), FALSE);

  return gtk_switch_get_active (self->store_switch)
         && gtk_switch_get_active (self->store_secret_switch);
}

gboolean
cs_provider_page_get_oauth2 (CsProviderPage *self)
{
  CsProvider *provider;
  CsProtocols protocols;

  g_return_val_if_fail (CS_IS_PROVIDER_PAGE (self), FALSE);

  provider = selected_provider (self);
  if (provider == NULL || is_entered (provider))
    return FALSE;
  protocols = cs_provider_get_protocols (provider);
  if ((protocols & CS_PROTOCOL_OAUTH2) == 0)
    return FALSE;
  if ((protocols & CS_PROTOCOL_OAUTH1) == 0)
    return TRUE;
  return cs_protocol_page_get_oauth2 (self->protocol_page);
}
