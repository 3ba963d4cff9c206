/* cs-authorize-page.c — wizard step 3: the authorization link, and the verifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-authorize-page.h"
#include "cs-a11y.h"
#include "cs-clipboard.h"
#include "cs-spinner.h"

struct _CsAuthorizePage
{
  GtkWidget            parent_instance;

  GtkLabel            *url_label;
  GtkButton           *open_button;
  GtkStack            *verifier_stack;
  AdwPreferencesGroup *pin_group;
  AdwEntryRow         *pin_row;
  GtkLabel            *entry_error;  /* what was wrong with what was entered */
  GtkLabel            *denied_title;
  GtkLabel            *denied_label;
  AdwPreferencesGroup *callback_group;
  GtkLabel            *callback_label;
  GtkButton           *portal_button;

  char                *callback_url;
  char                *portal_url;
  gboolean             has_entry;
};

G_DEFINE_FINAL_TYPE (CsAuthorizePage, cs_authorize_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HAS_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hide_entry_error (CsAuthorizePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->pin_row), "error");
}

static void
update_has_entry (CsAuthorizePage *self)
{
  const char *shown = gtk_stack_get_visible_child_name (self->verifier_stack);
  gboolean has_entry = g_strcmp0 (shown, "pin") == 0
                       && *gtk_editable_get_text (GTK_EDITABLE (self->pin_row)) != '\0';

  hide_entry_error (self);
  if (has_entry == self->has_entry)
    return;

  self->has_entry = has_entry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ENTRY]);
}

static void
show_verifier (CsAuthorizePage *self,
               const char      *name)
{
  gtk_stack_set_visible_child_name (self->verifier_stack, name);
  update_has_entry (self);
}

static void
copy_callback_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CsAuthorizePage *self = CS_AUTHORIZE_PAGE (widget);

  if (self->callback_url != NULL)
    cs_clipboard_copy (widget, self->callback_url, FALSE, _("Copied the callback URL"));
}

static void
open_portal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CsAuthorizePage *self = CS_AUTHORIZE_PAGE (widget);

  /* The application opens it, and says so when no browser could. */
  if (self->portal_url != NULL)
    gtk_widget_activate_action (widget, "app.open-uri", "s", self->portal_url);
}

static void
cs_authorize_page_finalize (GObject *object)
{
  CsAuthorizePage *self = CS_AUTHORIZE_PAGE (object);

  g_free (self->callback_url);
  g_free (self->portal_url);

  G_OBJECT_CLASS (cs_authorize_page_parent_class)->finalize (object);
}

static void
cs_authorize_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_AUTHORIZE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_authorize_page_parent_class)->dispose (object);
}

static void
cs_authorize_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsAuthorizePage *self = CS_AUTHORIZE_PAGE (object);

  switch (prop_id)
    {
    case PROP_HAS_ENTRY:
      g_value_set_boolean (value, self->has_entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_authorize_page_class_init (CsAuthorizePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_authorize_page_dispose;
  object_class->finalize = cs_authorize_page_finalize;
  object_class->get_property = cs_authorize_page_get_property;

  properties[PROP_HAS_ENTRY] =
    g_param_spec_boolean ("has-entry", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-authorize-page.ui");
  g_type_ensure (CS_TYPE_SPINNER);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, url_label);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, verifier_stack);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, pin_group);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, denied_title);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, denied_label);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, callback_group);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, callback_label);
  gtk_widget_class_bind_template_child (widget_class, CsAuthorizePage, portal_button);
  gtk_widget_class_bind_template_callback (widget_class, update_has_entry);
  gtk_widget_class_install_action (widget_class, "authorize.copy-callback", NULL,
                                   copy_callback_action);
  gtk_widget_class_install_action (widget_class, "authorize.open-portal", NULL,
                                   open_portal_action);
}

static void
cs_authorize_page_init (CsAuthorizePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->verifier_stack);
  /* Under the field, where it stays readable (a toast would cut it). */
  self->entry_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->entry_error, TRUE);
  gtk_label_set_xalign (self->entry_error, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->entry_error), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error), FALSE);
  adw_preferences_group_add (self->pin_group, GTK_WIDGET (self->entry_error));
}

void
cs_authorize_page_show_entry_error (CsAuthorizePage *self,
                                    const char      *message)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  gtk_label_set_text (self->entry_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->pin_row), "error");
}

void
cs_authorize_page_show (CsAuthorizePage *self,
                        const char      *url,
                        CsCallbackMode   mode)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  gtk_label_set_text (self->url_label, url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  hide_entry_error (self);

  /* The field is named for what goes in it: only in PIN mode is that a PIN. */
  if (mode == CS_CALLBACK_MODE_APP)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row),
                                     _("Callback Address or Verifier"));
      adw_preferences_group_set_description (self->pin_group,
                                             _("After you allow the app, the browser hands the "
                                               "address to Countersign, which goes on by itself. "
                                               "If it does not, paste that address here."));
    }
  else if (mode == CS_CALLBACK_MODE_CUSTOM)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row),
                                     _("Callback Address or Verifier"));
      adw_preferences_group_set_description (self->pin_group,
                                             _("Paste the oauth_verifier value, or the whole "
                                               "address the browser was sent to."));
    }
  else if (mode == CS_CALLBACK_MODE_LOOPBACK)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row), _("Verifier"));
      adw_preferences_group_set_description (self->pin_group,
                                             _("Paste the oauth_verifier value the provider "
                                               "sent back."));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row), _("PIN"));
      adw_preferences_group_set_description (self->pin_group,
                                             _("After you allow the app, the provider shows a "
                                               "PIN. Type it here."));
    }
}

void
cs_authorize_page_show_callback (CsAuthorizePage *self,
                                 const char      *callback_url,
                                 const char      *developer_url)
{
  g_autofree char *text = NULL;
  gboolean shown;

  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  shown = callback_url != NULL && g_strcmp0 (callback_url, "oob") != 0;
  g_free (self->callback_url);
  self->callback_url = shown ? g_strdup (callback_url) : NULL;
  g_free (self->portal_url);
  self->portal_url = g_strdup (developer_url);

  text = g_strdup_printf (_("Add this callback URL to your app’s settings: %s"),
                          shown ? callback_url : "");
  gtk_label_set_text (self->callback_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->callback_group), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->portal_button), developer_url != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "authorize.open-portal",
                                 developer_url != NULL);
}

void
cs_authorize_page_show_pin (CsAuthorizePage *self)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  show_verifier (self, "pin");
}

void
cs_authorize_page_show_waiting (CsAuthorizePage *self)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  show_verifier (self, "waiting");
}

void
cs_authorize_page_show_denied (CsAuthorizePage *self,
                               const char      *title,
                               const char      *message)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  gtk_label_set_text (self->denied_title, title);
  gtk_label_set_text (self->denied_label, message);
  show_verifier (self, "denied");
}

const char *
cs_authorize_page_get_entry (CsAuthorizePage *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZE_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
}

gboolean
cs_authorize_page_get_has_entry (CsAuthorizePage *self)
{
  g_return_val_if_fail (CS_IS_AUTHORIZE_PAGE (self), FALSE);

  return self->has_entry;
}

void
cs_authorize_page_focus_link (CsAuthorizePage *self)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

void
cs_authorize_page_focus_entry (CsAuthorizePage *self)
{
  g_return_if_fail (CS_IS_AUTHORIZE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}
