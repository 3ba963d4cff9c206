/* cs-oauth2-authorize-page.c — OAuth 2.0 step: the consent page in the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-clipboard.h"
#include "cs-oauth2-authorize-page.h"
#include "cs-spinner.h"

struct _CsOAuth2AuthorizePage
{
  GtkWidget            parent_instance;

  GtkLabel            *url_label;
  GtkButton           *open_button;
  GtkLabel            *redirect_label;
  GtkStack            *stack;
  AdwPreferencesGroup *entry_group;
  AdwEntryRow         *entry_row;
  GtkLabel            *entry_error;
  GtkLabel            *denied_title;
  GtkLabel            *denied_label;

  char                *redirect_uri;
  gboolean             has_entry;
};

G_DEFINE_FINAL_TYPE (CsOAuth2AuthorizePage, cs_oauth2_authorize_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HAS_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_has_entry (CsOAuth2AuthorizePage *self)
{
  gboolean has_entry = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "entry") == 0
                       && *gtk_editable_get_text (GTK_EDITABLE (self->entry_row)) != '\0';

  gtk_widget_set_visible (GTK_WIDGET (self->entry_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry_row), "error");
  if (has_entry == self->has_entry)
    return;
  self->has_entry = has_entry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ENTRY]);
}

static void
copy_redirect_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CsOAuth2AuthorizePage *self = CS_OAUTH2_AUTHORIZE_PAGE (widget);

  if (self->redirect_uri != NULL)
    cs_clipboard_copy (widget, self->redirect_uri, FALSE, _("Copied the redirect URI"));
}

static void
cs_oauth2_authorize_page_finalize (GObject *object)
{
  g_free (CS_OAUTH2_AUTHORIZE_PAGE (object)->redirect_uri);

  G_OBJECT_CLASS (cs_oauth2_authorize_page_parent_class)->finalize (object);
}

static void
cs_oauth2_authorize_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_OAUTH2_AUTHORIZE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_oauth2_authorize_page_parent_class)->dispose (object);
}

static void
cs_oauth2_authorize_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_HAS_ENTRY:
      g_value_set_boolean (value, CS_OAUTH2_AUTHORIZE_PAGE (object)->has_entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_oauth2_authorize_page_class_init (CsOAuth2AuthorizePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_oauth2_authorize_page_dispose;
  object_class->finalize = cs_oauth2_authorize_page_finalize;
  object_class->get_property = cs_oauth2_authorize_page_get_property;

  properties[PROP_HAS_ENTRY] =
    g_param_spec_boolean ("has-entry", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-oauth2-authorize-page.ui");
  g_type_ensure (CS_TYPE_SPINNER);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, url_label);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, redirect_label);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, entry_group);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, entry_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, denied_title);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2AuthorizePage, denied_label);
  gtk_widget_class_bind_template_callback (widget_class, update_has_entry);
  gtk_widget_class_install_action (widget_class, "oauth2-authorize.copy-redirect", NULL,
                                   copy_redirect_action);
}

static void
cs_oauth2_authorize_page_init (CsOAuth2AuthorizePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->stack);
  /* Under the field, where it stays readable. */
  self->entry_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->entry_error, TRUE);
  gtk_label_set_xalign (self->entry_error, 0);
  gtk_label_set_selectable (self->entry_error, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->entry_error), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error), FALSE);
  adw_preferences_group_add (self->entry_group, GTK_WIDGET (self->entry_error));
}

void
cs_oauth2_authorize_page_show (CsOAuth2AuthorizePage *self,
                               const char            *url,
                               const char            *redirect_uri)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  gtk_label_set_text (self->url_label, url != NULL ? url : "");
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup (redirect_uri);
  /* Translators: %s is a redirect URI, e.g. http://127.0.0.1:8765/callback */
  text = g_strdup_printf (_("The provider sends the browser to %s. It must be registered in "
                            "the app’s settings exactly so."),
                          redirect_uri != NULL ? redirect_uri : "");
  gtk_label_set_text (self->redirect_label, text);
  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
  update_has_entry (self);
}

void
cs_oauth2_authorize_page_show_waiting (CsOAuth2AuthorizePage *self)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, "waiting");
  update_has_entry (self);
}

void
cs_oauth2_authorize_page_show_entry (CsOAuth2AuthorizePage *self,
                                     gboolean               app_link)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  adw_preferences_group_set_description (self->entry_group,
                                         app_link
                                         ? _("After you allow the app, the browser hands the "
                                             "address to Countersign, which goes on by itself. "
                                             "If it does not, paste that address here.")
                                         : _("After you allow the app, copy the whole address "
                                             "the browser was sent to, and paste it here."));
  gtk_stack_set_visible_child_name (self->stack, "entry");
  update_has_entry (self);
}

void
cs_oauth2_authorize_page_show_denied (CsOAuth2AuthorizePage *self,
                                      const char            *title,
                                      const char            *message)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  gtk_label_set_text (self->denied_title, title);
  gtk_label_set_text (self->denied_label, message);
  gtk_stack_set_visible_child_name (self->stack, "denied");
  update_has_entry (self);
}

const char *
cs_oauth2_authorize_page_get_entry (CsOAuth2AuthorizePage *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry_row));
}

gboolean
cs_oauth2_authorize_page_get_has_entry (CsOAuth2AuthorizePage *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self), FALSE);

  return self->has_entry;
}

/* Once laid out: the page scrolled so that the message under the field is in view. */
static gboolean
scroll_to_error_cb (GtkWidget     *label,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t bottom = GRAPHENE_POINT_INIT (0, gtk_widget_get_height (label));
  graphene_point_t shown; /* in the scrolled window: what is in view */
  double visible;

  if (scroller == NULL || gtk_widget_get_height (label) == 0)
    return scroller != NULL && gtk_widget_get_mapped (label);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  visible = gtk_adjustment_get_page_size (adjustment);
  if (gtk_widget_compute_point (label, scroller, &bottom, &shown) && shown.y > visible)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + shown.y - visible + 12);
  return G_SOURCE_REMOVE;
}

void
cs_oauth2_authorize_page_show_entry_error (CsOAuth2AuthorizePage *self,
                                           const char            *message)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  gtk_label_set_text (self->entry_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry_row), "error");
  /* In view, and focused so that it is read out; Shift+Tab is the field. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry_error));
  gtk_widget_add_tick_callback (GTK_WIDGET (self->entry_error), scroll_to_error_cb, NULL, NULL);
}

void
cs_oauth2_authorize_page_focus_link (CsOAuth2AuthorizePage *self)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

void
cs_oauth2_authorize_page_focus_entry (CsOAuth2AuthorizePage *self)
{
  g_return_if_fail (CS_IS_OAUTH2_AUTHORIZE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry_row));
}
