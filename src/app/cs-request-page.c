/* cs-request-page.c — wizard step 2: the request token the provider handed out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-exchange-view.h"
#include "cs-params-group.h"
#include "cs-request-page.h"
#include "cs-a11y.h"
#include "cs-url-rules.h"

struct _CsRequestPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  CsExchangeView *exchange;
  CsParamsGroup  *params;
};

G_DEFINE_FINAL_TYPE (CsRequestPage, cs_request_page, GTK_TYPE_WIDGET)

static void
cs_request_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_REQUEST_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_request_page_parent_class)->dispose (object);
}

static void
cs_request_page_class_init (CsRequestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_request_page_dispose;

  g_type_ensure (CS_TYPE_EXCHANGE_VIEW);
  g_type_ensure (CS_TYPE_PARAMS_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cs-request-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsRequestPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsRequestPage, exchange);
  gtk_widget_class_bind_template_child (widget_class, CsRequestPage, params);
}

static void
cs_request_page_init (CsRequestPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->stack);
}

void
cs_request_page_show_busy (CsRequestPage *self,
                           const char    *provider_name)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CS_IS_REQUEST_PAGE (self));
  g_return_if_fail (provider_name != NULL);

  /* Translators: %s is a provider name, e.g. "X (Twitter)". */
  text = g_strdup_printf (_("Asking %s for a request token…"), provider_name);
  cs_exchange_view_show_busy (self->exchange, text);
  gtk_stack_set_visible_child_name (self->stack, "exchange");
}

void
cs_request_page_show_busy_for (CsRequestPage *self,
                               CsProvider    *provider)
{
  g_autofree char *host = NULL;

  g_return_if_fail (CS_IS_REQUEST_PAGE (self));
  g_return_if_fail (CS_IS_PROVIDER (provider));

  /* A provider typed in is called "Custom": it is named by its host, as its errors are. */
  if (!cs_provider_get_is_custom (provider))
    {
      cs_request_page_show_busy (self, cs_provider_get_name (provider));
      return;
    }
  host = cs_url_display_host (cs_provider_get_request_token_url (provider));
  cs_request_page_show_busy (self, host);
}

void
cs_request_page_show_error (CsRequestPage *self,
                            const GError  *error)
{
  g_return_if_fail (CS_IS_REQUEST_PAGE (self));

  cs_exchange_view_show_error (self->exchange, error);
  gtk_stack_set_visible_child_name (self->stack, "exchange");
}

void
cs_request_page_show_token (CsRequestPage *self,
                            CsCredentials *token)
{
  g_return_if_fail (CS_IS_REQUEST_PAGE (self));

  cs_params_group_show (self->params, token, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

void
cs_request_page_clear (CsRequestPage *self)
{
  g_return_if_fail (CS_IS_REQUEST_PAGE (self));

  cs_params_group_clear (self->params);
}
