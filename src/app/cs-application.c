/* cs-application.c — the application: actions, command line, the in-process demo provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-app-resources.h"
#include "cs-application.h"
#include "cs-callback-server.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-redirect.h"
#include "cs-percent.h"
#include "cs-compat.h"
#include "cs-provider-registry.h"
#include "cs-providers-page.h"
#include "cs-window.h"
#include "cs-wizard.h"

struct _CsApplication
{
  AdwApplication      parent_instance;

  CsProviderRegistry *registry; /* shared by the windows: one demo provider */
  CsUriLauncher       launcher;
  gpointer            launcher_data;
};

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "provider", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start a new authorization with this provider (demo, twitter, flickr…)"), N_("ID") },
  { "consumer-key", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Fill in this consumer key"), N_("KEY") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  /* The callback addresses (app links) the desktop hands over: see open_callback (). */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_("[ADDRESS…]") },
  { NULL }
};

static CsWindow *
ensure_window (CsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!CS_IS_WINDOW (window))
    window = GTK_WINDOW (cs_window_new (GTK_APPLICATION (self)));

  return CS_WINDOW (window);
}

/* Whether @address is an OAuth 2.0 redirect: a state, with a code or an error. */
static gboolean
is_oauth2_redirect (const char *address)
{
  const char *query = strchr (address, '?');
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *description = NULL;
  gboolean found;

  if (query == NULL ||
      !cs_oauth2_parse_redirect_query (query + 1, strcspn (query + 1, "#"), &code, &state,
                                       &error_code, &description))
    return FALSE;
  found = state != NULL && (code != NULL || error_code != NULL);
  if (code != NULL)
    cs_secret_free (g_steal_pointer (&code));
  return found;
}

/* A second OAuth 2.0 redirect for an authorization that took its own: said in its window,
 * never exchanged. */
static gboolean
open_used_oauth2_redirect (CsApplication *self,
                           const char    *address)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CS_IS_WINDOW (l->data)
        && cs_wizard_knows_oauth2_redirect (CS_WIZARD (cs_window_get_wizard (CS_WINDOW (l->data))),
                                            address))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        cs_window_add_toast (CS_WINDOW (l->data),
                             _("This authorization took its redirect already: the second one "
                               "was ignored and nothing was exchanged again."));
        return TRUE;
      }
  return FALSE;
}

/* An app link (io.github.countersign.countersign:/callback?oauth_token=…) from the desktop, the
 * browser or the Flatpak portal: to the wizard whose authorization waits for it, by its
 * request token. Anything else is a message in the window; no wizard changes. The address
 * holds the verifier: it is never logged or shown. */
static void
open_callback (CsApplication *self,
               const char    *address)
{
  g_autofree char *token = NULL;
  CsCallbackKind kind = cs_callback_address_get_token (address, &token);
  CsWindow *window;

  g_debug ("A callback address arrived (%s)", kind == CS_CALLBACK_INVALID ? "unreadable"
                                                                          : "with a token");
  /* OAuth 2.0: the wizard whose request has this address's state. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CS_IS_WINDOW (l->data)
        && cs_wizard_take_oauth2_redirect (CS_WIZARD (cs_window_get_wizard (CS_WINDOW (l->data))),
                                           address))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }
  if (kind == CS_CALLBACK_INVALID && open_used_oauth2_redirect (self, address))
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL && kind != CS_CALLBACK_INVALID; l = l->next)
    {
      CsWizard *wizard = CS_IS_WINDOW (l->data)
                           ? CS_WIZARD (cs_window_get_wizard (CS_WINDOW (l->data))) : NULL;
      g_autoptr(GError) error = NULL;

      if (wizard == NULL || g_strcmp0 (cs_wizard_get_waiting_token (wizard), token) != 0)
        continue;
      gtk_window_present (GTK_WINDOW (l->data));
      if (!cs_wizard_take_callback_address (wizard, address, &error) &&
          !g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED))
        cs_window_add_toast (CS_WINDOW (l->data), error->message);
      return;
    }

  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));
  if (kind == CS_CALLBACK_INVALID && is_oauth2_redirect (address))
    cs_window_add_toast (window, _("No OAuth 2.0 authorization is waiting for this redirect: "
                                   "it was used already, or its authorization was closed or "
                                   "started again. Nothing was exchanged."));
  else
    cs_window_add_toast (window, kind == CS_CALLBACK_INVALID
                                   ? _("Countersign cannot read this callback address: it "
                                       "carries no oauth_token and oauth_verifier.")
                                   : _("No authorization is waiting for this callback address: "
                                       "it was used already, or its authorization was closed or "
                                       "started again."));
}

static void
cs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      open_callback (CS_APPLICATION (application), uri);
    }
}

static void
cs_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (ensure_window (CS_APPLICATION (application))));
}

static int
cs_application_handle_local_options (GApplication *application,
                                     GVariantDict *dict)
{
  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("countersign %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static int
cs_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  const char *provider = NULL;
  const char *key = NULL;
  g_autofree const char **addresses = NULL;
  CsWindow *window;

  g_variant_dict_lookup (dict, "provider", "&s", &provider);
  g_variant_dict_lookup (dict, "consumer-key", "&s", &key);
  g_variant_dict_lookup (dict, G_OPTION_REMAINING, "^a&s", &addresses);

  if (addresses != NULL && addresses[0] != NULL)
    {
      for (guint i = 0; addresses[i] != NULL; i++)
        open_callback (CS_APPLICATION (application), addresses[i]);
      return 0;
    }
  window = ensure_window (CS_APPLICATION (application));
  if (provider != NULL || key != NULL)
    cs_window_start_authorization (window, provider, key, NULL);
  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (app)),
                                     (GCopyFunc)g_object_ref, NULL);

  /* Closing the windows saves their size and cancels what they run. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  g_application_quit (app);
}

static void
new_authorization_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CsWindow *window = ensure_window (CS_APPLICATION (user_data));

  cs_window_start_authorization (window, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Countersign developers", NULL };
  GtkWidget *about;

  /* AdwAboutDialog or AdwAboutWindow (cs-compat.c): the same properties. */
  about = g_object_new (cs_compat_about_get_type (),
                        "title", _("About Countersign"),
                        "application-name", _("Countersign"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Countersign developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "comments", _("Get OAuth 1.0a access tokens for your apps, and keep them "
                                      "in the keyring."),
                        "copyright", "© 2026 The Countersign developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  cs_compat_dialog_present (about, GTK_WIDGET (gtk_application_get_active_window (app)));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *app = user_data;

  cs_compat_shortcuts_present (GTK_WIDGET (gtk_application_get_active_window (app)));
}

static GtkWidget *
preferences_switch_row (GSettings  *settings,
                        const char *key,
                        const char *title,
                        const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  /* The switch is named by the row's title (libadwaita labels it by the title). */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}

/* Preferences' second page: the saved providers (cs-providers-page.c). */
static void
add_providers_page (CsApplication *self,
                    GtkWidget     *window,
                    GtkWidget     *general)
{
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (general), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (general),
                                      "preferences-system-symbolic");
  cs_compat_preferences_add (window,
                             ADW_PREFERENCES_PAGE (cs_providers_page_new (self->registry)));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  /* AdwPreferencesDialog or AdwPreferencesWindow (cs-compat.c). */
  GtkWidget *window = cs_compat_preferences_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *privacy = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (privacy), _("Secrets"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (privacy),
                             preferences_switch_row (settings, "clear-clipboard",
                                                     _("Clear Copied Secrets"),
                                                     _("Empty the clipboard a minute after a "
                                                       "secret was copied")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (privacy),
                             preferences_switch_row (settings, "store-credentials",
                                                     _("Save New Credentials in the Keyring"),
                                                     _("The default for each new "
                                                       "authorization")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (privacy));
  cs_compat_preferences_add (window, ADW_PREFERENCES_PAGE (page));
  add_providers_page (CS_APPLICATION (app), window, page);
  cs_compat_dialog_present (window, GTK_WIDGET (gtk_application_get_active_window (app)));
}

static void
open_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GtkWindow) window = user_data;
  g_autoptr (GError) error = NULL;

  /* Said in the window that asked, if it is still there. */
  if (!cs_application_launch_uri_finish (CS_APPLICATION (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && CS_IS_WINDOW (window) && gtk_widget_get_realized (GTK_WIDGET (window)))
    cs_window_add_toast (CS_WINDOW (window), _("Could not open a browser. Copy the link instead."));
}

/* The wizard's Open in Browser: the link, in the browser, for the active window. */
static void
open_uri_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CsApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  cs_application_launch_uri_async (self, window, g_variant_get_string (parameter, NULL), NULL,
                                   open_uri_cb, window != NULL ? g_object_ref (window) : NULL);
}

static const GActionEntry app_actions[] = {
  { "open-uri", open_uri_action, "s" },
  { "quit", quit_action },
  { "new-authorization", new_authorization_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "preferences", preferences_action },
};

static void
cs_application_startup (GApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-authorization", { "<Control>n", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (cs_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                           accels[i].action, accels[i].accels);
}

static void
cs_application_shutdown (GApplication *application)
{
  CsApplication *self = CS_APPLICATION (application);

  cs_provider_registry_stop_demo (self->registry);

  G_APPLICATION_CLASS (cs_application_parent_class)->shutdown (application);
}

static void
cs_application_dispose (GObject *object)
{
  CsApplication *self = (CsApplication *)object;

  g_clear_object (&self->registry);

  G_OBJECT_CLASS (cs_application_parent_class)->dispose (object);
}

/* Each window finds its providers, the demo included, in the application's registry. */
static void
cs_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  CsApplication *self = CS_APPLICATION (application);

  if (CS_IS_WINDOW (window))
    cs_window_set_registry (CS_WINDOW (window), self->registry);

  GTK_APPLICATION_CLASS (cs_application_parent_class)->window_added (application, window);
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = cs_application_dispose;
  gtk_app_class->window_added = cs_application_window_added;
  app_class->activate = cs_application_activate;
  app_class->command_line = cs_application_command_line;
  app_class->open = cs_application_open;
  app_class->handle_local_options = cs_application_handle_local_options;
  app_class->startup = cs_application_startup;
  app_class->shutdown = cs_application_shutdown;

  /* Registered by hand: a static library would otherwise drop the resource's constructor. */
  cs_app_register_resource ();
}

static void
cs_application_init (CsApplication *self)
{
  self->registry = cs_provider_registry_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Get OAuth 1.0a access tokens and keep them in "
                                              "the keyring."));
}

CsApplication *
cs_application_new (void)
{
  return g_object_new (CS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

CsDemoProvider *
cs_application_get_demo_provider (CsApplication  *self,
                                  GError        **error)
{
  g_return_val_if_fail (CS_IS_APPLICATION (self), NULL);

  return cs_provider_registry_get_demo (self->registry, error);
}

void
cs_application_set_uri_launcher (CsApplication *self,
                                 CsUriLauncher  launcher,
                                 gpointer       user_data)
{
  g_return_if_fail (CS_IS_APPLICATION (self));

  self->launcher = launcher;
  self->launcher_data = user_data;
}

static void
launch_default_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
cs_application_launch_uri_async (CsApplication       *self,
                                 GtkWindow           *parent,
                                 const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GdkAppLaunchContext) context = NULL;

  g_return_if_fail (CS_IS_APPLICATION (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_application_launch_uri_async);

  if (self->launcher != NULL)
    {
      self->launcher (uri, self->launcher_data);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (parent != NULL)
    context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                           launch_default_cb, g_steal_pointer (&task));
}

gboolean
cs_application_launch_uri_finish (CsApplication  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (CS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
