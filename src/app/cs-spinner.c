/* cs-spinner.c — a spinner for the .ui files: AdwSpinner where libadwaita has it, else GtkSpinner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-compat.h"
#include "cs-spinner.h"

struct _CsSpinner
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  gboolean   spinning;
};

G_DEFINE_FINAL_TYPE (CsSpinner, cs_spinner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_spinner_dispose (GObject *object)
{
  CsSpinner *self = CS_SPINNER (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (cs_spinner_parent_class)->dispose (object);
}

static void
cs_spinner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsSpinner *self = CS_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_spinner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsSpinner *self = CS_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      cs_spinner_set_spinning (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_spinner_class_init (CsSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_spinner_dispose;
  object_class->get_property = cs_spinner_get_property;
  object_class->set_property = cs_spinner_set_property;

  properties[PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cs_spinner_init (CsSpinner *self)
{
  self->spinning = TRUE;
  self->child = cs_compat_spinner_new ();
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}

void
cs_spinner_set_spinning (CsSpinner *self,
                         gboolean   spinning)
{
  g_return_if_fail (CS_IS_SPINNER (self));

  spinning = !!spinning;
  if (spinning == self->spinning)
    return;
  self->spinning = spinning;
  /* An AdwSpinner spins while shown; a GtkSpinner is told as well. */
  gtk_widget_set_visible (self->child, spinning);
#ifndef CS_ADW_1_6
  gtk_spinner_set_spinning (GTK_SPINNER (self->child), spinning);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

gboolean
cs_spinner_get_spinning (CsSpinner *self)
{
  g_return_val_if_fail (CS_IS_SPINNER (self), FALSE);

  return self->spinning;
}

void
cs_spinner_show_in_row (GtkWidget  *row,
                        CsSpinner  *self,
                        const char *subtitle,
                        gboolean    running,
                        gboolean    failed)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  cs_spinner_set_spinning (self, running);
  if (failed)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}
