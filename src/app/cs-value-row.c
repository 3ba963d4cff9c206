/* cs-value-row.c — one named value (a token, a secret) with Copy, and Reveal for secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-clipboard.h"
#include "cs-percent.h"
#include "cs-value-row.h"

struct _CsValueRow
{
  AdwActionRow     parent_instance;

  GtkToggleButton *reveal_button;
  GtkButton       *copy_button;

  char            *value;
  gboolean         secret;
  gboolean         clear_copied;
};

G_DEFINE_FINAL_TYPE (CsValueRow, cs_value_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_SECRET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define CONCEALED "●●●●●●●●●●●●"

static void
update_subtitle (CsValueRow *self)
{
  gboolean concealed = self->secret && !gtk_toggle_button_get_active (self->reveal_button);
  const char *value = self->value != NULL ? self->value : "";

  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  /* Translators: %s is the name of a value, e.g. “oauth_token_secret”. */
  g_autofree char *reveal = g_strdup_printf (concealed ? _("Reveal %s") : _("Conceal %s"),
                                             title != NULL ? title : "");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), concealed ? CONCEALED : value);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), self->secret);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal_button), reveal);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reveal, -1);
}

static void
reveal_toggled_cb (CsValueRow *self)
{
  update_subtitle (self);
}

static void
copy_clicked_cb (CsValueRow *self)
{
  g_autofree char *toast = NULL;

  if (self->value == NULL)
    return;

  /* Translators: %s is the name of a value, e.g. “oauth_token” or “Token Secret”. */
  toast = g_strdup_printf (_("Copied %s"),
                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  cs_clipboard_copy (GTK_WIDGET (self), self->value, self->secret || self->clear_copied, toast);
}

static void
title_changed_cb (CsValueRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  /* Translators: %s is the name of a value, e.g. “oauth_token”. */
  g_autofree char *copy_name = g_strdup_printf (_("Copy %s"), title);

  /* The row itself is named by its title: libadwaita labels it by the title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_name, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), copy_name);
  update_subtitle (self);
}

static void
cs_value_row_finalize (GObject *object)
{
  CsValueRow *self = (CsValueRow *)object;

  g_clear_pointer (&self->value, cs_secret_free);

  G_OBJECT_CLASS (cs_value_row_parent_class)->finalize (object);
}

static void
cs_value_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsValueRow *self = CS_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_SECRET:
      g_value_set_boolean (value, self->secret);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_value_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsValueRow *self = CS_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      cs_value_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_SECRET:
      cs_value_row_set_secret (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_value_row_class_init (CsValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_value_row_finalize;
  object_class->get_property = cs_value_row_get_property;
  object_class->set_property = cs_value_row_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRET] =
    g_param_spec_boolean ("secret", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_value_row_init (CsValueRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->reveal_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button), "view-reveal-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->reveal_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->reveal_button), "flat");
  g_signal_connect_swapped (self->reveal_button, "toggled", G_CALLBACK (reveal_toggled_cb), self);

  self->copy_button = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->copy_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->copy_button), "flat");
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reveal_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->copy_button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "cs-value-row");
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  update_subtitle (self);
}

GtkWidget *
cs_value_row_new (const char *title,
                  const char *value,
                  gboolean    secret)
{
  return g_object_new (CS_TYPE_VALUE_ROW,
                       "title", title,
                       "value", value,
                       "secret", secret,
                       NULL);
}

const char *
cs_value_row_get_value (CsValueRow *self)
{
  g_return_val_if_fail (CS_IS_VALUE_ROW (self), NULL);

  return self->value;
}

void
cs_value_row_set_value (CsValueRow *self,
                        const char *value)
{
  g_return_if_fail (CS_IS_VALUE_ROW (self));

  if (g_strcmp0 (self->value, value) == 0)
    return;

  g_clear_pointer (&self->value, cs_secret_free);
  self->value = g_strdup (value);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
cs_value_row_set_clear_copied (CsValueRow *self,
                               gboolean    clear)
{
  g_return_if_fail (CS_IS_VALUE_ROW (self));

  self->clear_copied = !!clear;
}

gboolean
cs_value_row_get_secret (CsValueRow *self)
{
  g_return_val_if_fail (CS_IS_VALUE_ROW (self), FALSE);

  return self->secret;
}

void
cs_value_row_set_secret (CsValueRow *self,
                         gboolean    secret)
{
  g_return_if_fail (CS_IS_VALUE_ROW (self));

  secret = !!secret;
  if (self->secret == secret)
    return;

  self->secret = secret;
  gtk_toggle_button_set_active (self->reveal_button, FALSE);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET]);
}
