/* cs-protocol-page.c — which protocol, for a provider that speaks both
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-protocol-page.h"

struct _CsProtocolPage
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  AdwComboRow         *protocol_row;
  GtkLabel            *explanation;
};

G_DEFINE_FINAL_TYPE (CsProtocolPage, cs_protocol_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OAUTH2,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows of protocol_row, in the order of cs-protocol-page.ui. */
enum {
  ROW_OAUTH1,
  ROW_OAUTH2,
};

static void
explain (CsProtocolPage *self)
{
  if (cs_protocol_page_get_oauth2 (self))
    gtk_label_set_text (self->explanation,
                        _("A client ID (and, for a confidential client, its secret), the "
                          "scopes the app asks for, and access tokens that expire and are "
                          "refreshed."));
  else
    gtk_label_set_text (self->explanation,
                        _("A consumer key and secret, and an access token with its secret "
                          "that lasts until it is revoked."));
}

static void
selected_cb (CsProtocolPage *self)
{
  explain (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OAUTH2]);
}

static void
cs_protocol_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_PROTOCOL_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_protocol_page_parent_class)->dispose (object);
}

static void
cs_protocol_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_OAUTH2:
      g_value_set_boolean (value, cs_protocol_page_get_oauth2 (CS_PROTOCOL_PAGE (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_protocol_page_class_init (CsProtocolPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_protocol_page_dispose;
  object_class->get_property = cs_protocol_page_get_property;

  properties[PROP_OAUTH2] =
    g_param_spec_boolean ("oauth2", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-protocol-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsProtocolPage, group);
  gtk_widget_class_bind_template_child (widget_class, CsProtocolPage, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, CsProtocolPage, explanation);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
}

static void
cs_protocol_page_init (CsProtocolPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  explain (self);
}

gboolean
cs_protocol_page_get_oauth2 (CsProtocolPage *self)
{
  g_return_val_if_fail (CS_IS_PROTOCOL_PAGE (self), FALSE);

  return adw_combo_row_get_selected (self->protocol_row) == ROW_OAUTH2;
}

void
cs_protocol_page_set_oauth2 (CsProtocolPage *self,
                             gboolean        oauth2)
{
  g_return_if_fail (CS_IS_PROTOCOL_PAGE (self));

  adw_combo_row_set_selected (self->protocol_row, oauth2 ? ROW_OAUTH2 : ROW_OAUTH1);
}

void
cs_protocol_page_describe (CsProtocolPage *self,
                           const char     *provider_name,
                           gboolean        retiring)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CS_IS_PROTOCOL_PAGE (self));

  if (retiring)
    /* Translators: %s is a provider, e.g. "X (Twitter)". */
    text = g_strdup_printf (_("%s offers both. It is retiring OAuth 1.0a: choose OAuth 2.0 "
                              "for a new app."), provider_name);
  else
    /* Translators: %s is a provider, e.g. "Tumblr". */
    text = g_strdup_printf (_("%s offers both. Choose the one your app is set up for."),
                            provider_name);
  adw_preferences_group_set_description (self->group, text);
}
