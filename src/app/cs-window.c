/* cs-window.c — the main window: saved credentials, and the wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-oauth-client.h"
#include "cs-percent.h"
#include "cs-provider-dialog.h"
#include "cs-provider-registry.h"
#include "cs-sign-page.h"
#include "cs-start-page.h"
#include "cs-token-store.h"
#include "cs-window.h"
#include "cs-a11y.h"
#include "cs-compat.h"
#include "cs-wizard.h"

struct _CsWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *new_button;
  GtkStack             *main_stack;
  CsStartPage          *start_page;
  CsWizard             *wizard;    /* NULL until first needed: see ensure_wizard () */
  CsSignPage           *sign_page; /* likewise */

  GSettings            *settings;
  CsOAuthClient        *client;
  CsTokenStore         *store;
  CsProviderRegistry   *registry;
  gulong                after_paint_id;
  gboolean              may_close; /* the wizard let its unsaved token go */
  guint                 load_source;
  GCancellable         *providers_cancellable;
  gboolean              providers_loading;
  AdwToast             *toast;       /* the one shown; never a queue of old ones */
  guint                 toast_fresh; /* idle: the toast came with what changed the page */
};

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

static void place_toast (CsWindow *self);

/* A toast belongs to the page it was shown on: a new page takes it away, unless it says
 * what the action that brought the page did (Copy in the unsaved-token dialog). */
static void
page_changed (CsWindow *self)
{
  if (self->toast != NULL && self->toast_fresh == 0)
    adw_toast_dismiss (self->toast);
  place_toast (self);
}

static void
wizard_step_cb (CsWindow *self)
{
  page_changed (self);
}

/* The wizard is shown (it exists only once it was needed: ensure_wizard ()). */
static gboolean
showing_wizard (CsWindow *self)
{
  return self->wizard != NULL
         && gtk_stack_get_visible_child (self->main_stack) == GTK_WIDGET (self->wizard);
}

static void
update_title (CsWindow *self)
{
  gboolean in_wizard = showing_wizard (self);

  adw_window_title_set_subtitle (self->window_title, in_wizard ? _("New Authorization") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), !in_wizard);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 in_wizard ? cs_wizard_get_default_widget (self->wizard) : NULL);
  page_changed (self);
}

static void
authorize_again_cb (CsWindow   *self,
                    const char *provider_id,
                    const char *consumer_key,
                    const char *consumer_secret)
{
  cs_window_start_authorization (self, provider_id, consumer_key, consumer_secret);
}

static void
wizard_finished_cb (CsWindow   *self,
                    const char *saved_id)
{
  cs_window_show_saved (self, saved_id);
}

static void
wizard_closed_cb (CsWindow *self)
{
  /* The wizard may have saved (or the keyring changed) since the list was read. */
  cs_window_show_saved (self, NULL);
}

static void
user_providers_loaded_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_auto (GStrv) warnings = NULL;
  g_autoptr (GError) error = NULL;
  CsWindow *self;

  if (!cs_provider_registry_load_user_finish (CS_PROVIDER_REGISTRY (object), result, &warnings,
                                              &error))
    return; /* cancelled: the window is gone */

  self = CS_WINDOW (user_data);
  self->providers_loading = FALSE;

  /* Broken files are skipped; the toast names the file and the line. */
  if (warnings != NULL && warnings[0] != NULL)
    {
      guint more = g_strv_length (warnings) - 1;
      g_autofree char *title = NULL;

      if (more == 0)
        title = g_strdup_printf (_("Provider file skipped: %s"), warnings[0]);
      else
        title = g_strdup_printf (ngettext ("Provider file skipped: %s (and %u more)",
                                           "Provider file skipped: %s (and %u more)", more),
                                 warnings[0], more);
      cs_window_add_toast (self, title);
    }
}

/* Every window reads the files again: a toast says which are broken. */
static void
load_user_providers (CsWindow *self)
{
  if (self->providers_loading || self->providers_cancellable == NULL || self->registry == NULL)
    return;

  self->providers_loading = TRUE;
  /* The callback is not called after the cancellable is cancelled in dispose. */
  cs_provider_registry_load_user_async (self->registry, self->providers_cancellable,
                                        user_providers_loaded_cb, self);
}

/* A Custom provider that worked: saved under the name the user gives it. */
static void
provider_created_cb (CsWindow   *self,
                     CsProvider *provider)
{
  if (self->registry != NULL)
    cs_provider_dialog_ask_name (GTK_WIDGET (self), self->registry, provider);
}

static gboolean
load_saved_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  self->load_source = 0;
  cs_start_page_reload (self->start_page, NULL);
  return G_SOURCE_REMOVE;
}

/* The first frame comes before anything slow: the keyring is read after it. */
static void
after_first_paint_cb (GdkFrameClock *clock,
                      CsWindow      *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);

  if (g_strcmp0 (g_getenv ("COUNTERSIGN_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL)
        g_application_quit (G_APPLICATION (app));
      return;
    }

  if (!cs_start_page_get_loaded (self->start_page) && self->load_source == 0)
    self->load_source = g_idle_add (load_saved_cb, self);
  load_user_providers (self);
}

static void
cs_window_realize (GtkWidget *widget)
{
  CsWindow *self = CS_WINDOW (widget);

  GTK_WIDGET_CLASS (cs_window_parent_class)->realize (widget);

  self->after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                           G_CALLBACK (after_first_paint_cb), self);
}

static void
cs_window_unrealize (GtkWidget *widget)
{
  CsWindow *self = CS_WINDOW (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, clock);

  GTK_WIDGET_CLASS (cs_window_parent_class)->unrealize (widget);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* After the dialog that asked has gone: it is transient for this window. */
static void
close_now (gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (user_data),
                   g_object_unref);
}

static gboolean
cs_window_close_request (GtkWindow *window)
{
  CsWindow *self = CS_WINDOW (window);
  int width = 0;
  int height = 0;

  /* An unsaved access token: asked first; the window closes once it may go. */
  if (!self->may_close && showing_wizard (self) && cs_wizard_get_unsaved (self->wizard))
    {
      cs_wizard_leave (self->wizard, close_now, g_object_ref (self), g_object_unref);
      return TRUE;
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void sign_page_closed_cb (CsWindow *self);

/* The wizard (four pages) and Sign a Request are built when first shown, not before the
 * window's first frame (issue 13, point 6): a window that only lists credentials never
 * builds them. Each is a page of main_stack, owned by it. */
static CsWizard *
ensure_wizard (CsWindow *self)
{
  if (self->wizard != NULL)
    return self->wizard;

  self->wizard = g_object_new (CS_TYPE_WIZARD, NULL);
  g_signal_connect_swapped (self->wizard, "finished", G_CALLBACK (wizard_finished_cb), self);
  g_signal_connect_swapped (self->wizard, "closed", G_CALLBACK (wizard_closed_cb), self);
  g_signal_connect_swapped (self->wizard, "notify::step", G_CALLBACK (wizard_step_cb), self);
  g_signal_connect_swapped (self->wizard, "provider-created", G_CALLBACK (provider_created_cb),
                            self);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->wizard), "wizard");
  if (self->registry != NULL)
    cs_wizard_setup (self->wizard, self->client, self->store, self->registry);
  return self->wizard;
}

static CsSignPage *
ensure_sign_page (CsWindow *self)
{
  if (self->sign_page != NULL)
    return self->sign_page;

  self->sign_page = g_object_new (CS_TYPE_SIGN_PAGE, NULL);
  g_signal_connect_swapped (self->sign_page, "closed", G_CALLBACK (sign_page_closed_cb), self);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->sign_page), "sign");
  cs_sign_page_set_transport (self->sign_page, cs_oauth_client_get_transport (self->client));
  return self->sign_page;
}

/* Sign a Request (issue 14): the page, and back to the list. */
static void
sign_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  if (showing_wizard (self))
    return;
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (ensure_sign_page (self)));
  cs_sign_page_focus_first (self->sign_page);
}

static void
sign_page_closed_cb (CsWindow *self)
{
  cs_window_show_saved (self, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* How the pages and rows inside the window say something: they know the action, not us. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cs_window_add_toast (CS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = (CsWindow *)object;

  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_handle_id (&self->toast_fresh, g_source_remove);
  g_clear_object (&self->toast);
  g_cancellable_cancel (self->providers_cancellable);
  g_clear_object (&self->providers_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);
  self->wizard = NULL;    /* went with main_stack */
  self->sign_page = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cs_window_dispose;
  widget_class->realize = cs_window_realize;
  widget_class->unrealize = cs_window_unrealize;
  window_class->close_request = cs_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.sign-request", NULL, sign_request_action);

  g_type_ensure (CS_TYPE_START_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, start_page);
  gtk_widget_class_bind_template_callback (widget_class, authorize_again_cb);
}

static void
cs_window_init (CsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_compat_use_toolbar_view (adw_toast_overlay_get_child (self->toast_overlay));
  cs_a11y_follow_stack (self->main_stack);

  self->settings = g_settings_new (APP_ID);
  self->client = cs_oauth_client_new ();
  {
    /* Tests only: a provider that never answers fails after this many seconds. */
    const char *timeout = g_getenv ("COUNTERSIGN_TIMEOUT");
    guint64 seconds;

    if (timeout != NULL && g_ascii_string_to_unsigned (timeout, 10, 1, 3600, &seconds, NULL))
      cs_oauth_client_set_timeout (self->client, (guint) seconds);
  }
  self->store = cs_token_store_new ();
  self->providers_cancellable = g_cancellable_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  update_title (self);
}

CsWindow *
cs_window_new (GtkApplication *application)
{
  return g_object_new (CS_TYPE_WINDOW, "application", application, NULL);
}

/* The wizard's bar with Back and Done, or NULL. */
static GtkWidget *
find_bottom_bar (GtkWidget *widget)
{
  if (GTK_IS_ACTION_BAR (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_bottom_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* AdwToastOverlay puts a toast at the bottom of the whole window; in the wizard it goes
 * above the bar, so that it never covers Back and Done (at 360 px it is as wide as they
 * are apart). libadwaita 1.2 has no place for it but the toast widget's margin. */
static void
place_toast (CsWindow *self)
{
  gboolean in_wizard = showing_wizard (self);
  GtkWidget *bar = in_wizard ? find_bottom_bar (GTK_WIDGET (self->wizard)) : NULL;
  int margin = bar != NULL && gtk_widget_get_visible (bar) ? gtk_widget_get_height (bar) : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toast_overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      gtk_widget_set_margin_bottom (child, margin);
}

static void
toast_dismissed_cb (AdwToast *toast,
                    CsWindow *self)
{
  if (self->toast == toast)
    g_clear_object (&self->toast);
}

static gboolean
toast_settled_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  self->toast_fresh = 0;
  return G_SOURCE_REMOVE;
}

void
cs_window_add_toast (CsWindow   *self,
                     const char *title)
{
  AdwToast *toast;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* The newest result replaces the one shown, which goes for good: a toast put back in the
   * queue (what a high-priority toast does to the shown one) would come back later. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 3);
  self->toast = g_object_ref (toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  place_toast (self);
  g_clear_handle_id (&self->toast_fresh, g_source_remove);
  self->toast_fresh = g_idle_add_full (G_PRIORITY_DEFAULT, toast_settled_cb, self, NULL);
  cs_a11y_name_toast_buttons (GTK_WIDGET (self->toast_overlay));
}

void
cs_window_set_registry (CsWindow           *self,
                        CsProviderRegistry *registry)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (registry));

  if (!g_set_object (&self->registry, registry))
    return;

  cs_start_page_setup (self->start_page, self->client, self->store, registry);
  if (self->wizard != NULL)
    cs_wizard_setup (self->wizard, self->client, self->store, registry);
}

GSettings *
cs_window_get_settings (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->settings;
}

/* Authorize Again or Ctrl+N, held until the wizard let its unsaved token go. */
typedef struct
{
  CsWindow *window;
  char     *provider_id;
  char     *consumer_key;
  char     *consumer_secret;
} StartRequest;

static void
start_request_free (gpointer data)
{
  StartRequest *start = data;

  g_clear_object (&start->window);
  g_free (start->provider_id);
  g_free (start->consumer_key);
  cs_secret_free (start->consumer_secret);
  g_free (start);
}

static void
start_request_run (gpointer data)
{
  StartRequest *start = data;

  cs_window_start_authorization (start->window, start->provider_id, start->consumer_key,
                                 start->consumer_secret);
}

void
cs_window_start_authorization (CsWindow   *self,
                               const char *provider_id,
                               const char *consumer_key,
                               const char *consumer_secret)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  /* A running flow is not thrown away by a second Ctrl+N. */
  if (showing_wizard (self) && cs_wizard_get_busy (self->wizard))
    return;

  /* Nor is an access token that is not in the keyring: the wizard asks first. */
  if (cs_wizard_get_unsaved (ensure_wizard (self)))
    {
      StartRequest *start = g_new0 (StartRequest, 1);

      start->window = g_object_ref (self);
      start->provider_id = g_strdup (provider_id);
      start->consumer_key = g_strdup (consumer_key);
      start->consumer_secret = g_strdup (consumer_secret);
      cs_wizard_leave (self->wizard, start_request_run, start, start_request_free);
      return;
    }

  cs_wizard_start (self->wizard, provider_id, consumer_key, consumer_secret);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->wizard));
  update_title (self);
  cs_wizard_focus_first (self->wizard);
}

void
cs_window_show_saved (CsWindow   *self,
                      const char *highlight_id)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  /* Whenever the list is shown, it is read again: it follows the keyring. */
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->start_page));
  update_title (self);
  cs_start_page_reload (self->start_page, highlight_id);
}

GtkWidget *
cs_window_get_wizard (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_wizard (self));
}

GtkWidget *
cs_window_get_start_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->start_page);
}
