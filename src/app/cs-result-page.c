/* cs-result-page.c — wizard step 4: the access token, its signed test call and the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-exchange-view.h"
#include "cs-params-group.h"
#include "cs-result-page.h"
#include "cs-a11y.h"
#include "cs-share.h"
#include "cs-spinner.h"

struct _CsResultPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  CsExchangeView *exchange;
  CsParamsGroup  *params;
  GtkMenuButton  *export_button;
  AdwActionRow   *test_row;
  CsSpinner      *test_spinner;
  GtkButton      *test_button;
  char           *unavailable; /* why Test Credentials and curl cannot work, or NULL */
  AdwActionRow   *keyring_row;
  CsSpinner      *keyring_spinner;
  GtkButton      *keyring_retry_button;
  AdwActionRow   *end_of_life_row;
};

G_DEFINE_FINAL_TYPE (CsResultPage, cs_result_page, GTK_TYPE_WIDGET)

/* The curl item of the Export menu: the wizard's export, unless it cannot work. */
static void
curl_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "wizard.export", "s", "curl");
}

static void
cs_result_page_finalize (GObject *object)
{
  g_free (CS_RESULT_PAGE (object)->unavailable);

  G_OBJECT_CLASS (cs_result_page_parent_class)->finalize (object);
}

static void
cs_result_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_RESULT_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_result_page_parent_class)->dispose (object);
}

static void
cs_result_page_class_init (CsResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_result_page_dispose;
  object_class->finalize = cs_result_page_finalize;
  gtk_widget_class_install_action (widget_class, "result.curl", NULL, curl_action);

  g_type_ensure (CS_TYPE_EXCHANGE_VIEW);
  g_type_ensure (CS_TYPE_PARAMS_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cs-result-page.ui");
  g_type_ensure (CS_TYPE_SPINNER);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, exchange);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, params);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, keyring_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, keyring_retry_button);
  gtk_widget_class_bind_template_child (widget_class, CsResultPage, end_of_life_row);
}

static void
cs_result_page_init (CsResultPage *self)
{
  g_autoptr (GMenuModel) export_menu = cs_share_export_menu_new_full ("wizard.export",
                                                                    "result.curl", NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->stack);
  gtk_menu_button_set_menu_model (self->export_button, export_menu);
}

void
cs_result_page_show_busy (CsResultPage *self)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_exchange_view_show_busy (self->exchange, NULL);
  gtk_stack_set_visible_child_name (self->stack, "exchange");
}

void
cs_result_page_show_error (CsResultPage *self,
                           const GError *error)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_exchange_view_show_error (self->exchange, error);
  gtk_stack_set_visible_child_name (self->stack, "exchange");
}

void
cs_result_page_show_token (CsResultPage  *self,
                           CsCredentials *token)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_params_group_show (self->params, token, TRUE);
  cs_result_page_show_test (self, self->unavailable != NULL
                                    ? self->unavailable
                                    : _("Ask the provider whose tokens these are"), FALSE, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

void
cs_result_page_set_provider (CsResultPage *self,
                             CsProvider   *provider)
{
  g_autoptr (GMenuModel) export_menu = NULL;

  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  export_menu = cs_share_export_menu_new_full ("wizard.export", "result.curl",
                                               provider != NULL ? cs_provider_get_id (provider)
                                                                : NULL);
  gtk_menu_button_set_menu_model (self->export_button, export_menu);
  /* The wizard holds the consumer secret until it is left. */
  g_free (self->unavailable);
  self->unavailable = cs_share_signed_call_unavailable (provider, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.curl", self->unavailable == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_button), self->unavailable);
  if (self->unavailable != NULL)
    cs_result_page_show_test (self, self->unavailable, FALSE, FALSE);
}

void
cs_result_page_show_test (CsResultPage *self,
                          const char   *subtitle,
                          gboolean      running,
                          gboolean      failed)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_spinner_show_in_row (GTK_WIDGET (self->test_row), self->test_spinner,
                          subtitle, running, failed);
}

void
cs_result_page_show_keyring (CsResultPage *self,
                             const char   *subtitle,
                             gboolean      saving,
                             gboolean      can_retry)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_spinner_show_in_row (GTK_WIDGET (self->keyring_row), self->keyring_spinner,
                          subtitle, saving, can_retry);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_retry_button), can_retry);
  /* GtkListBox tries only the last row on Shift+Tab: were this row no stop without its
   * Retry, Shift+Tab would leave the group and skip Test Credentials (issue 12 tour). As a
   * stop it reads what the keyring did; with Retry shown, Retry is the stop. */
  gtk_widget_set_focusable (GTK_WIDGET (self->keyring_row), !can_retry);
}

void
cs_result_page_clear (CsResultPage *self)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_params_group_clear (self->params);
}

void
cs_result_page_set_retry_label (CsResultPage *self,
                                const char   *label)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  cs_exchange_view_set_retry_label (self->exchange, label);
}

void
cs_result_page_show_end_of_life (CsResultPage *self,
                                 const char   *text)
{
  g_return_if_fail (CS_IS_RESULT_PAGE (self));

  adw_action_row_set_subtitle (self->end_of_life_row, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->end_of_life_row), text != NULL);
}
