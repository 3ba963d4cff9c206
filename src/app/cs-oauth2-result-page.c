/* cs-oauth2-result-page.c — OAuth 2.0 step: the tokens, their expiry, and what to do with them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expiry counts down once a second while the page is mapped (a timeout that stops when it
 * is unmapped or disposed); the tokens stay on screen and copyable whatever happens next.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-exchange-view.h"
#include "cs-oauth2-result-page.h"
#include "cs-share.h"
#include "cs-spinner.h"
#include "cs-value-row.h"

struct _CsOAuth2ResultPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  CsExchangeView *exchange;
  GtkMenuButton  *export_button;
  CsValueRow     *access_row;
  CsValueRow     *refresh_row;
  AdwActionRow   *no_refresh_row;
  AdwActionRow   *expiry_row;
  CsValueRow     *scopes_row;
  CsValueRow     *type_row;
  AdwActionRow   *test_row;
  CsSpinner      *test_spinner;
  AdwActionRow   *manage_row;
  CsSpinner      *manage_spinner;
  AdwActionRow   *keyring_row;
  CsSpinner      *keyring_spinner;
  GtkButton      *keyring_retry_button;

  gint64          expires_at;
  guint           tick_id;
  char           *expiry_text;
};

G_DEFINE_FINAL_TYPE (CsOAuth2ResultPage, cs_oauth2_result_page, GTK_TYPE_WIDGET)

static char *
describe_expiry (gint64 expires_at)
{
  gint64 left = expires_at - g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *clock = NULL;

  if (expires_at <= 0)
    return g_strdup (_("The provider did not say when the access token expires"));
  if (left <= 0)
    return g_strdup (_("Expired: press Refresh for a new access token"));

  when = g_date_time_new_from_unix_local (expires_at);
  /* Translators: a time of day as in g_date_time_format(), e.g. "14:32". */
  clock = g_date_time_format (when, _("%H:%M"));
  /* Translators: the time an access token has left (hours:minutes:seconds), then the time
   * of day it expires, e.g. "1:59:58 left, until 14:32". */
  return g_strdup_printf (_("%u:%02u:%02u left, until %s"), (guint) (left / 3600),
                          (guint) (left / 60 % 60), (guint) (left % 60), clock);
}

static gboolean
tick_cb (gpointer user_data)
{
  CsOAuth2ResultPage *self = user_data;

  g_free (self->expiry_text);
  self->expiry_text = describe_expiry (self->expires_at);
  adw_action_row_set_subtitle (self->expiry_row, self->expiry_text);
  if (self->expires_at > 0 && self->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    gtk_widget_add_css_class (GTK_WIDGET (self->expiry_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->expiry_row), "warning");
  return G_SOURCE_CONTINUE;
}

static void
start_ticking (CsOAuth2ResultPage *self)
{
  tick_cb (self);
  if (self->tick_id == 0 && self->expires_at > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
cs_oauth2_result_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cs_oauth2_result_page_parent_class)->map (widget);
  start_ticking (CS_OAUTH2_RESULT_PAGE (widget));
}

static void
cs_oauth2_result_page_unmap (GtkWidget *widget)
{
  g_clear_handle_id (&CS_OAUTH2_RESULT_PAGE (widget)->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (cs_oauth2_result_page_parent_class)->unmap (widget);
}

static void
cs_oauth2_result_page_dispose (GObject *object)
{
  CsOAuth2ResultPage *self = CS_OAUTH2_RESULT_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_OAUTH2_RESULT_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_oauth2_result_page_parent_class)->dispose (object);
}

static void
cs_oauth2_result_page_finalize (GObject *object)
{
  g_free (CS_OAUTH2_RESULT_PAGE (object)->expiry_text);

  G_OBJECT_CLASS (cs_oauth2_result_page_parent_class)->finalize (object);
}

static void
cs_oauth2_result_page_class_init (CsOAuth2ResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_oauth2_result_page_dispose;
  object_class->finalize = cs_oauth2_result_page_finalize;
  widget_class->map = cs_oauth2_result_page_map;
  widget_class->unmap = cs_oauth2_result_page_unmap;

  g_type_ensure (CS_TYPE_EXCHANGE_VIEW);
  g_type_ensure (CS_TYPE_VALUE_ROW);
  g_type_ensure (CS_TYPE_SPINNER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-oauth2-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, exchange);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, access_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, refresh_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, no_refresh_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, scopes_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, manage_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, manage_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, keyring_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsOAuth2ResultPage, keyring_retry_button);
}

static void
cs_oauth2_result_page_init (CsOAuth2ResultPage *self)
{
  /* env, .env, JSON, curl with the bearer; no twurl profile for OAuth 2.0. */
  g_autoptr (GMenuModel) export_menu = cs_share_export_menu_new_full ("wizard.export", NULL,
                                                                    NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  cs_a11y_follow_stack (self->stack);
  gtk_menu_button_set_menu_model (self->export_button, export_menu);
}

void
cs_oauth2_result_page_show_busy (CsOAuth2ResultPage *self)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_exchange_view_show_busy (self->exchange, NULL);
  gtk_stack_set_visible_child_name (self->stack, "exchange");
}

void
cs_oauth2_result_page_show_error (CsOAuth2ResultPage *self,
                                  const GError       *error)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_exchange_view_show_error (self->exchange, error);
  gtk_stack_set_visible_child_name (self->stack, "exchange");
}

void
cs_oauth2_result_page_show_tokens (CsOAuth2ResultPage *self,
                                   const char         *access_token,
                                   const char         *refresh_token,
                                   const char         *token_type,
                                   gint64              expires_at,
                                   const char         *scopes)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_value_row_set_value (self->access_row, access_token != NULL ? access_token : "");
  cs_value_row_set_value (self->refresh_row, refresh_token != NULL ? refresh_token : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_row), refresh_token != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->no_refresh_row), refresh_token == NULL);
  cs_value_row_set_value (self->scopes_row, scopes != NULL && *scopes != '\0'
                                            ? scopes : _("None said by the provider"));
  cs_value_row_set_value (self->type_row, token_type != NULL ? token_type : "");
  self->expires_at = expires_at;
  start_ticking (self);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

void
cs_oauth2_result_page_show_test (CsOAuth2ResultPage *self,
                                 const char         *subtitle,
                                 gboolean            running,
                                 gboolean            failed)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_spinner_show_in_row (GTK_WIDGET (self->test_row), self->test_spinner,
                          subtitle, running, failed);
}

void
cs_oauth2_result_page_show_manage (CsOAuth2ResultPage *self,
                                   const char         *subtitle,
                                   gboolean            running,
                                   gboolean            failed)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_spinner_show_in_row (GTK_WIDGET (self->manage_row), self->manage_spinner,
                          subtitle, running, failed);
}

void
cs_oauth2_result_page_show_keyring (CsOAuth2ResultPage *self,
                                    const char         *subtitle,
                                    gboolean            saving,
                                    gboolean            can_retry)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_spinner_show_in_row (GTK_WIDGET (self->keyring_row), self->keyring_spinner,
                          subtitle, saving, can_retry);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_retry_button), can_retry);
}

void
cs_oauth2_result_page_set_manage_unavailable (CsOAuth2ResultPage *self,
                                              const char         *reason)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_spinner_show_in_row (GTK_WIDGET (self->manage_row), self->manage_spinner,
                  reason != NULL ? reason
                  : _("Get a new access token, or make both tokens stop working"),
                  FALSE, FALSE);
}

void
cs_oauth2_result_page_clear (CsOAuth2ResultPage *self)
{
  g_return_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self));

  cs_value_row_set_value (self->access_row, "");
  cs_value_row_set_value (self->refresh_row, "");
  self->expires_at = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

const char *
cs_oauth2_result_page_get_expiry_text (CsOAuth2ResultPage *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_RESULT_PAGE (self), NULL);

  return self->expiry_text;
}
