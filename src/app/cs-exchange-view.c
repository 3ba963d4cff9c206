/* cs-exchange-view.c — a request to the provider that runs, or that the provider refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-exchange-view.h"
#include "cs-a11y.h"
#include "cs-base-string-diff.h"
#include "cs-oauth-error.h"
#include "cs-spinner.h"

struct _CsExchangeView
{
  GtkWidget  parent_instance;

  GtkStack  *stack;
  GtkLabel  *busy_label;
  GtkLabel  *headline_label;
  GtkLabel  *error_label;
  GtkButton *retry_button;
  GtkLabel  *diff_label;  /* our base string beside the provider's (debug_sbs) */

  char      *busy_text;
};

G_DEFINE_FINAL_TYPE (CsExchangeView, cs_exchange_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_exchange_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_EXCHANGE_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_exchange_view_parent_class)->dispose (object);
}

static void
cs_exchange_view_finalize (GObject *object)
{
  CsExchangeView *self = (CsExchangeView *)object;

  g_free (self->busy_text);

  G_OBJECT_CLASS (cs_exchange_view_parent_class)->finalize (object);
}

static void
cs_exchange_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsExchangeView *self = CS_EXCHANGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY_TEXT:
      g_value_set_string (value, self->busy_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_exchange_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CsExchangeView *self = CS_EXCHANGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY_TEXT:
      if (g_strcmp0 (self->busy_text, g_value_get_string (value)) != 0)
        {
          g_free (self->busy_text);
          self->busy_text = g_value_dup_string (value);
          gtk_label_set_text (self->busy_label, self->busy_text != NULL ? self->busy_text : "");
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_exchange_view_class_init (CsExchangeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_exchange_view_dispose;
  object_class->finalize = cs_exchange_view_finalize;
  object_class->get_property = cs_exchange_view_get_property;
  object_class->set_property = cs_exchange_view_set_property;

  /* What the spinner says when cs_exchange_view_show_busy() is given no text. */
  properties[PROP_BUSY_TEXT] =
    g_param_spec_string ("busy-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-exchange-view.ui");
  g_type_ensure (CS_TYPE_SPINNER);
  gtk_widget_class_bind_template_child (widget_class, CsExchangeView, stack);
  gtk_widget_class_bind_template_child (widget_class, CsExchangeView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, CsExchangeView, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CsExchangeView, error_label);
  gtk_widget_class_bind_template_child (widget_class, CsExchangeView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CsExchangeView, diff_label);
}

static void
cs_exchange_view_init (CsExchangeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->stack);
}

void
cs_exchange_view_show_busy (CsExchangeView *self,
                            const char     *text)
{
  g_return_if_fail (CS_IS_EXCHANGE_VIEW (self));

  if (text == NULL)
    text = self->busy_text != NULL ? self->busy_text : "";
  gtk_label_set_text (self->busy_label, text);
  gtk_stack_set_visible_child_name (self->stack, "busy");
}

/* The headline follows the kind of failure, which the OAuth layer's code says. */
static const char *
headline_of (const GError *error)
{
  if (error->domain != CS_OAUTH_ERROR)
    return _("The Request Failed");
  switch ((CsOAuthError) error->code)
    {
    case CS_OAUTH_ERROR_NETWORK:
    case CS_OAUTH_ERROR_TIMEOUT:
      return _("Could Not Reach the Provider");
    case CS_OAUTH_ERROR_TLS:
    case CS_OAUTH_ERROR_NOT_TLS:
      return _("Not a Secure Connection");
    case CS_OAUTH_ERROR_REJECTED:
      return _("The Provider Refused the Request");
    case CS_OAUTH_ERROR_BAD_RESPONSE:
    case CS_OAUTH_ERROR_TOO_LARGE:
    case CS_OAUTH_ERROR_REDIRECT:
      return _("The Provider’s Answer Was Not Understood");
    case CS_OAUTH_ERROR_INVALID_INPUT:
    case CS_OAUTH_ERROR_INVALID_URL:
    case CS_OAUTH_ERROR_UNSUPPORTED_METHOD:
    case CS_OAUTH_ERROR_KEY:
    case CS_OAUTH_ERROR_INSECURE:
    case CS_OAUTH_ERROR_DENIED:
    case CS_OAUTH_ERROR_CALLBACK:
    case CS_OAUTH_ERROR_PROVIDER_FILE:
    default:
      return _("The Request Failed");
    }
}

void
cs_exchange_view_show_error (CsExchangeView *self,
                             const GError   *error)
{
  g_autofree char *diff = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CS_IS_EXCHANGE_VIEW (self));
  g_return_if_fail (error != NULL);

  message = cs_base_string_diff_split (error->message, &diff);
  gtk_label_set_text (self->headline_label, headline_of (error));
  gtk_label_set_text (self->error_label, message);
  gtk_label_set_text (self->diff_label, diff != NULL ? diff : "");
  gtk_widget_set_visible (GTK_WIDGET (self->diff_label), diff != NULL);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

void
cs_exchange_view_set_retry_label (CsExchangeView *self,
                                  const char     *label)
{
  g_return_if_fail (CS_IS_EXCHANGE_VIEW (self));

  if (label == NULL)
    label = _("Retry");
  /* The visible label is the accessible name. */
  gtk_button_set_label (self->retry_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->retry_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
