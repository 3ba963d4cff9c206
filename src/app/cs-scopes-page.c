/* cs-scopes-page.c — OAuth 2.0 step: the scopes the app asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-scopes-page.h"

struct _CsScopesPage
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *scopes_group;
  GtkLabel            *offline_label;
  AdwEntryRow         *other_row;
  GtkLabel            *other_message;

  GPtrArray           *rows;     /* AdwActionRow, each with its scope as its name */
  gboolean             valid;
  const char          *reason;
};

G_DEFINE_FINAL_TYPE (CsScopesPage, cs_scopes_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_offline (const char *scope)
{
  return g_strcmp0 (scope, "offline.access") == 0 || g_strcmp0 (scope, "offline_access") == 0;
}

/* RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
static gboolean
scope_token_ok (const char *token)
{
  for (const char *p = token; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e || *p == '"' || *p == '\\')
      return FALSE;
  return *token != '\0';
}

static GtkSwitch *
switch_of (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "cs-switch");
}

static gboolean
others_ok (CsScopesPage *self)
{
  g_auto (GStrv) others = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->other_row)),
                                      " ", -1);

  for (guint i = 0; others[i] != NULL; i++)
    if (*others[i] != '\0' && !scope_token_ok (others[i]))
      return FALSE;
  return TRUE;
}

static void
update (CsScopesPage *self)
{
  g_autofree char *scope = cs_scopes_page_dup_scope (self);
  gboolean ok = others_ok (self);
  const char *reason = NULL;

  if (!ok)
    reason = _("Check the other scopes: letters, digits and signs, without quotes or "
               "backslashes, separated by spaces");
  else if (*scope == '\0')
    reason = _("Choose at least one scope");

  gtk_widget_set_visible (GTK_WIDGET (self->other_message), !ok);
  gtk_label_set_text (self->other_message, ok ? "" : reason);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->other_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->other_row), "error");

  if (reason != self->reason)
    {
      self->reason = reason;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if ((reason == NULL) != self->valid)
    {
      self->valid = reason == NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
changed_cb (CsScopesPage *self)
{
  update (self);
}

static void
row_activated_cb (AdwActionRow *row,
                  CsScopesPage *self)
{
  GtkSwitch *toggle = switch_of (GTK_WIDGET (row));

  /* At once, not when the switch's animation ends (see cs-provider-page.c). */
  gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
  update (self);
}

static void
clear_rows (CsScopesPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->scopes_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
cs_scopes_page_dispose (GObject *object)
{
  CsScopesPage *self = CS_SCOPES_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_SCOPES_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_scopes_page_parent_class)->dispose (object);
}

static void
cs_scopes_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsScopesPage *self = CS_SCOPES_PAGE (object);

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
cs_scopes_page_class_init (CsScopesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_scopes_page_dispose;
  object_class->get_property = cs_scopes_page_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-scopes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsScopesPage, scopes_group);
  gtk_widget_class_bind_template_child (widget_class, CsScopesPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CsScopesPage, other_row);
  gtk_widget_class_bind_template_child (widget_class, CsScopesPage, other_message);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
cs_scopes_page_init (CsScopesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  update (self);
}

static GtkWidget *
scope_row_new (CsScopesPage *self,
               const char   *scope,
               const char   *description,
               gboolean      active)
{
  GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_SWITCH, NULL);
  /* The row is the control (cs_a11y_switch_row). */
  GtkWidget *toggle = g_object_new (GTK_TYPE_SWITCH,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_NONE, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scope);
  if (description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  gtk_widget_set_name (row, scope);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_can_focus (toggle, FALSE);
  gtk_widget_set_can_target (toggle, FALSE);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "cs-switch", toggle);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (update), self);
  cs_a11y_switch_row (row, GTK_SWITCH (toggle));
  return row;
}

void
cs_scopes_page_set_scopes (CsScopesPage       *self,
                           const char * const *scopes,
                           const char * const *descriptions,
                           const char * const *defaults)
{
  gboolean offline = FALSE;

  g_return_if_fail (CS_IS_SCOPES_PAGE (self));

  clear_rows (self);
  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    {
      gboolean active = defaults == NULL || g_strv_contains (defaults, scopes[i]);
      GtkWidget *row = scope_row_new (self, scopes[i],
                                      descriptions != NULL ? descriptions[i] : NULL, active);

      offline = offline || is_offline (scopes[i]);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->scopes_group, row);
    }
  gtk_label_set_text (self->offline_label,
                      _("offline.access (offline_access): without it the provider sends no "
                        "refresh token, so the access token stops working when it expires "
                        "(after two hours on X) and you authorize again. With it, Countersign "
                        "refreshes the access token by itself."));
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline);
  gtk_editable_set_text (GTK_EDITABLE (self->other_row), "");
  update (self);
}

char *
cs_scopes_page_dup_scope (CsScopesPage *self)
{
  g_autoptr (GString) scope = g_string_new (NULL);
  g_auto (GStrv) others = NULL;

  g_return_val_if_fail (CS_IS_SCOPES_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (!gtk_switch_get_active (switch_of (row)))
        continue;
      if (scope->len > 0)
        g_string_append_c (scope, ' ');
      g_string_append (scope, gtk_widget_get_name (row));
    }
  others = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->other_row)), " ", -1);
  for (guint i = 0; others[i] != NULL; i++)
    {
      if (*others[i] == '\0')
        continue;
      if (scope->len > 0)
        g_string_append_c (scope, ' ');
      g_string_append (scope, others[i]);
    }
  return g_string_free (g_steal_pointer (&scope), FALSE);
}

gboolean
cs_scopes_page_get_valid (CsScopesPage *self)
{
  g_return_val_if_fail (CS_IS_SCOPES_PAGE (self), FALSE);

  return self->valid;
}

const char *
cs_scopes_page_get_reason (CsScopesPage *self)
{
  g_return_val_if_fail (CS_IS_SCOPES_PAGE (self), NULL);

  return self->reason;
}

void
cs_scopes_page_focus_first (CsScopesPage *self)
{
  g_return_if_fail (CS_IS_SCOPES_PAGE (self));

  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->other_row));
}

gboolean
cs_scopes_page_get_offline (CsScopesPage *self)
{
  g_autofree char *scope = NULL;
  g_auto (GStrv) tokens = NULL;

  g_return_val_if_fail (CS_IS_SCOPES_PAGE (self), FALSE);

  scope = cs_scopes_page_dup_scope (self);
  tokens = g_strsplit (scope, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (is_offline (tokens[i]))
      return TRUE;
  return FALSE;
}
