/* cs-client-page.c — OAuth 2.0 step: the client, the redirect, the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-callback-server.h"
#include "cs-callback-settings.h"
#include "cs-client-page.h"

struct _CsClientPage
{
  GtkWidget       parent_instance;

  AdwEntryRow    *id_row;
  AdwEntryRow    *secret_row;
  GtkLabel       *client_message;
  GtkLabel       *kind_label;
  GtkLabel       *register_label;
  AdwComboRow    *redirect_row;
  AdwEntryRow    *port_row;
  AdwEntryRow    *url_row;
  AdwActionRow   *store_row;
  GtkSwitch      *store_switch;
  AdwActionRow   *store_secret_row;
  GtkSwitch      *store_secret_switch;
  GtkLabel       *reason_label;

  char           *demo_id;      /* what was prefilled, to empty it for another provider */
  gboolean        trimming;
  gboolean        valid;
  const char     *reason;       /* static and translated, or NULL */
};

G_DEFINE_FINAL_TYPE (CsClientPage, cs_client_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
mark (AdwEntryRow *row,
      gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

/* What the user can see at once: a scheme, no fragment (RFC 6749 §3.1.2), no space. The flow
 * checks the rest when the authorization begins. */
static gboolean
redirect_url_ok (const char *text)
{
  const char *colon = strchr (text, ':');

  return colon != NULL && colon != text && strchr (text, '#') == NULL && !has_space (text);
}

/* Marks the rows, and says what Continue waits for (NULL: nothing). */
static const char *
check (CsClientPage *self)
{
  CsClientRedirect redirect = cs_client_page_get_redirect (self);
  const char *id = text_of (self->id_row);
  guint port = 0;
  gboolean port_ok = cs_callback_settings_parse_port (text_of (self->port_row), &port);
  gboolean url_ok = redirect != CS_CLIENT_REDIRECT_PASTE
                    || redirect_url_ok (text_of (self->url_row));
  const char *reason = NULL;

  mark (self->id_row, has_space (id));
  mark (self->port_row, redirect == CS_CLIENT_REDIRECT_LOOPBACK && !port_ok);
  mark (self->url_row, *text_of (self->url_row) != '\0' && !url_ok);

  if (*id == '\0')
    reason = _("Enter the client ID");
  else if (has_space (id))
    reason = _("Check the client ID: it has a space in it");
  else if (redirect == CS_CLIENT_REDIRECT_LOOPBACK && !port_ok)
    reason = _("Check the loopback port: a number from 1 to 65535, or empty");
  else if (redirect == CS_CLIENT_REDIRECT_PASTE && *text_of (self->url_row) == '\0')
    reason = _("Enter the redirect URI registered for the app");
  else if (!url_ok)
    reason = _("Check the redirect URI: a whole address such as https://example.com/callback, "
               "without a # part");
  return reason;
}

/* Providers such as X redirect only to the URIs registered in the app's settings, matched
 * exactly: the one this choice sends, before the browser is opened. */
static void
show_redirect_to_register (CsClientPage    *self,
                           CsClientRedirect redirect)
{
  g_autofree char *loopback = NULL;
  g_autofree char *text = NULL;
  const char *shown = NULL;
  guint port = 0;

  if (redirect == CS_CLIENT_REDIRECT_LOOPBACK
      && cs_callback_settings_parse_port (text_of (self->port_row), &port) && port != 0)
    shown = loopback = cs_callback_loopback_url (port);
  else if (redirect == CS_CLIENT_REDIRECT_APP_LINK)
    shown = CS_CALLBACK_APP_URL;

  if (shown != NULL)
    text = g_strdup_printf (_("Add this redirect URI to your app’s settings: %s"), shown);
  else if (redirect == CS_CLIENT_REDIRECT_LOOPBACK)
    text = g_strdup (_("Without a port, a free one is picked each time: only for providers "
                       "that accept any loopback redirect URI. X and most others need the "
                       "port registered in the app’s settings."));
  gtk_label_set_text (self->register_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->register_label), text != NULL);
}

static void
update (CsClientPage *self)
{
  const char *reason = check (self);
  CsClientRedirect redirect = cs_client_page_get_redirect (self);
  gboolean confidential = *cs_a11y_clear_text (GTK_WIDGET (self->secret_row)) != '\0';

  gtk_widget_set_visible (GTK_WIDGET (self->port_row), redirect == CS_CLIENT_REDIRECT_LOOPBACK);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), redirect == CS_CLIENT_REDIRECT_PASTE);
  show_redirect_to_register (self, redirect);
  gtk_widget_set_sensitive (GTK_WIDGET (self->store_secret_row),
                            confidential && gtk_switch_get_active (self->store_switch));
  gtk_label_set_text (self->kind_label,
                      confidential
                      ? _("With a secret, Countersign is a confidential client: it sends the ID "
                          "and secret with HTTP Basic, as X requires for Web Apps and Bots.")
                      : _("Without a secret, Countersign is a public client (a native or "
                          "single-page app): the ID goes in the request and PKCE proves the "
                          "token is asked for by the app that started."));

  if (reason != self->reason)
    {
      g_autofree char *shown = reason != NULL ? g_strdup_printf (_("To continue: %s."), reason)
                                              : NULL;

      self->reason = reason;
      gtk_label_set_text (self->reason_label, shown != NULL ? shown : "");
      gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if ((reason == NULL) != self->valid)
    {
      self->valid = reason == NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
changed_cb (CsClientPage *self)
{
  update (self);
}

/* IDs and secrets are pasted from web pages, often with a space or newline around them. */
static void
trimmed_changed_cb (CsClientPage *self,
                    GtkEditable  *editable)
{
  const char *text = gtk_editable_get_text (editable);
  gsize length = strlen (text);

  gtk_widget_set_visible (GTK_WIDGET (self->client_message), FALSE);
  if (!self->trimming && length > 0
      && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1])))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      self->trimming = TRUE;
      gtk_editable_set_text (editable, trimmed);
      gtk_editable_set_position (editable, -1);
      self->trimming = FALSE;
    }
  update (self);
}

static void
store_row_activated_cb (CsClientPage *self)
{
  gtk_switch_set_active (self->store_switch, !gtk_switch_get_active (self->store_switch));
  update (self);
}

static void
store_secret_row_activated_cb (CsClientPage *self)
{
  gtk_switch_set_active (self->store_secret_switch,
                         !gtk_switch_get_active (self->store_secret_switch));
}

static void
cs_client_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_CLIENT_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_client_page_parent_class)->dispose (object);
}

static void
cs_client_page_finalize (GObject *object)
{
  g_free (CS_CLIENT_PAGE (object)->demo_id);

  G_OBJECT_CLASS (cs_client_page_parent_class)->finalize (object);
}

static void
cs_client_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsClientPage *self = CS_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_client_page_class_init (CsClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_client_page_dispose;
  object_class->finalize = cs_client_page_finalize;
  object_class->get_property = cs_client_page_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, id_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, client_message);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, register_label);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, redirect_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, store_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, store_switch);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, store_secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, store_secret_switch);
  gtk_widget_class_bind_template_child (widget_class, CsClientPage, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, trimmed_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, store_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, store_secret_row_activated_cb);
}

static void
cs_client_page_init (CsClientPage *self)
{
  g_autoptr (GSettings) settings = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_name_reveal_button (GTK_WIDGET (self->secret_row));
  cs_a11y_conceal_text (GTK_WIDGET (self->secret_row));
  cs_a11y_switch_row (GTK_WIDGET (self->store_row), self->store_switch);
  cs_a11y_switch_row (GTK_WIDGET (self->store_secret_row), self->store_secret_switch);
  /* The Preferences' default, for this authorization only. */
  settings = g_settings_new (APP_ID);
  gtk_switch_set_active (self->store_switch,
                         g_settings_get_boolean (settings, "store-credentials"));
  update (self);
}

void
cs_client_page_set_provider (CsClientPage *self,
                             const char   *provider_name,
                             const char   *client_id,
                             const char   *client_secret,
                             guint         port)
{
  g_autofree char *port_text = port != 0 ? g_strdup_printf ("%u", port) : g_strdup ("");
  g_autofree char *description = NULL;
  gboolean was_demo;

  g_return_if_fail (CS_IS_CLIENT_PAGE (self));

  was_demo = self->demo_id != NULL && g_strcmp0 (text_of (self->id_row), self->demo_id) == 0;
  if (client_id != NULL || was_demo)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->id_row), client_id != NULL ? client_id : "");
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row),
                             client_secret != NULL ? client_secret : "");
    }
  g_free (self->demo_id);
  self->demo_id = g_strdup (client_id);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port_text);
  gtk_switch_set_active (self->store_secret_switch, FALSE);
  /* Translators: %s is a provider, e.g. "X (Twitter)". */
  description = g_strdup_printf (_("The OAuth 2.0 client ID of your app on %s, from its "
                                   "developer portal."), provider_name);
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->id_row),
                                                    ADW_TYPE_PREFERENCES_GROUP)),
    description);
  update (self);
}

gboolean
cs_client_page_get_valid (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), FALSE);

  return self->valid;
}

const char *
cs_client_page_get_reason (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), NULL);

  return self->reason;
}

void
cs_client_page_focus_first (CsClientPage *self)
{
  g_return_if_fail (CS_IS_CLIENT_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->id_row));
}

const char *
cs_client_page_get_client_id (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), NULL);

  return text_of (self->id_row);
}

const char *
cs_client_page_get_client_secret (CsClientPage *self)
{
  const char *secret;

  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), NULL);

  secret = cs_a11y_clear_text (GTK_WIDGET (self->secret_row));
  return *secret != '\0' ? secret : NULL;
}

CsClientRedirect
cs_client_page_get_redirect (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), CS_CLIENT_REDIRECT_LOOPBACK);

  switch (adw_combo_row_get_selected (self->redirect_row))
    {
    case 1:
      return CS_CLIENT_REDIRECT_APP_LINK;
    case 2:
      return CS_CLIENT_REDIRECT_PASTE;
    default:
      return CS_CLIENT_REDIRECT_LOOPBACK;
    }
}

guint
cs_client_page_get_port (CsClientPage *self)
{
  guint port = 0;

  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), 0);

  cs_callback_settings_parse_port (text_of (self->port_row), &port);
  return port;
}

const char *
cs_client_page_get_redirect_url (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), NULL);

  return text_of (self->url_row);
}

gboolean
cs_client_page_get_store (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), FALSE);

  return gtk_switch_get_active (self->store_switch);
}

gboolean
cs_client_page_get_store_secret (CsClientPage *self)
{
  g_return_val_if_fail (CS_IS_CLIENT_PAGE (self), FALSE);

  return cs_client_page_get_store (self) && cs_client_page_get_client_secret (self) != NULL
         && gtk_switch_get_active (self->store_secret_switch);
}

void
cs_client_page_show_error (CsClientPage *self,
                           const char   *message)
{
  g_return_if_fail (CS_IS_CLIENT_PAGE (self));

  gtk_label_set_text (self->client_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->client_message), message != NULL);
}
