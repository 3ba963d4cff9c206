/* cs-cli-import.c — `countersign-cli import twurl|xurl`: plain-text credentials into the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the file (size checked before it is read), lists what it holds, stores the OAuth 1.0a
 * entries in the keyring one by one (async, cancellable with Ctrl+C), and only when every
 * write succeeded offers to remove the secrets from the file: a y/N prompt on a terminal, or
 * --remove-secrets / --keep-secrets for scripts; never silently. The file is then replaced
 * atomically, only if it did not change since it was read (its etag), without a backup: a
 * backup would be one more plain-text copy of the very secrets being removed, and the
 * keyring now holds them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "cs-cli.h"
#include "cs-cli-session.h"
#include "cs-import.h"
#include "cs-percent.h"
#include "cs-token-store.h"
#include "cs-yaml.h"

typedef struct
{
  char     *file;
  gboolean  dry_run;
  gboolean  remove_secrets;
  gboolean  keep_secrets;
  gboolean  store_consumer_secret;
} ImportArgs;

typedef struct
{
  CsCliSession   *session;
  CsImportSource  source;
  GFile          *file;
  char           *path;
  char           *data;
  gsize           length;
  char           *etag;
  GPtrArray      *entries;
} Import;

static void
import_clear (Import *run)
{
  g_clear_object (&run->file);
  g_clear_pointer (&run->path, g_free);
  if (run->data != NULL)
    memset (run->data, 0, run->length);
  g_clear_pointer (&run->data, g_free);
  g_clear_pointer (&run->etag, g_free);
  g_clear_pointer (&run->entries, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static int
file_error (Import       *run,
            const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cs_cli_report_error (error);
  g_printerr ("countersign-cli: %s: %s\n", run->path, error->message);
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ? CS_CLI_EXIT_USAGE
                                                                     : CS_CLI_EXIT_FAILURE;
}

/* The size first, so that a huge file is refused without being read. */
static int
read_file (Import *run)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_file_query_info_async (run->file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, run->session->cancellable, cs_cli_session_ready,
                           run->session);
  info = g_file_query_info_finish (run->file, cs_cli_session_wait (run->session), &error);
  if (info == NULL)
    return file_error (run, error);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > CS_YAML_MAX_SIZE)
    {
      g_printerr ("countersign-cli: %s: %s\n", run->path,
                  g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
                    ? _("not a regular file") : _("the file is larger than 1 MiB"));
      return CS_CLI_EXIT_USAGE;
    }
  g_file_load_contents_async (run->file, run->session->cancellable, cs_cli_session_ready,
                              run->session);
  if (!g_file_load_contents_finish (run->file, cs_cli_session_wait (run->session), &run->data,
                                    &run->length, &run->etag, &error))
    return file_error (run, error);
  run->entries = cs_import_parse (run->source, run->data, run->length, &error);
  return run->entries != NULL ? -1 : file_error (run, error);
}

static guint
print_entries (Import  *run,
               gboolean with_consumer_secret)
{
  guint importable = 0;

  printf (_("In %s:\n"), run->path);
  for (guint i = 0; i < run->entries->len; i++)
    {
      CsImportEntry *e = g_ptr_array_index (run->entries, i);

      if (!e->importable)
        {
          printf ("  %s: %s\n", e->label, e->not_importable);
          continue;
        }
      importable++;
      /* Translators: “twurl profile jack (@jack, consumer key abc): …” */
      printf (_("  %s (%s, consumer key %s): access token and token secret%s%s\n"), e->label,
              *e->account != '\0' ? e->account : _("account not known"), e->consumer_key,
              with_consumer_secret && e->consumer_secret != NULL ? _(", consumer secret") : "",
              e->is_default ? _(" (the default)") : "");
    }
  if (importable == 0)
    printf ("  %s\n", _("nothing that can be imported"));
  fflush (stdout);
  return importable;
}

static int
save_all (Import  *run,
          gboolean with_consumer_secret)
{
  g_autoptr(CsTokenStore) store = cs_token_store_new ();

  for (guint i = 0; i < run->entries->len; i++)
    {
      CsImportEntry *e = g_ptr_array_index (run->entries, i);
      g_autoptr(CsStoredToken) token = NULL;
      g_autoptr(GError) error = NULL;

      if (!e->importable)
        continue;
      token = cs_stored_token_new ("twitter", "X (Twitter)", "api.x.com", e->consumer_key,
                                   e->account, e->token, e->token_secret);
      cs_token_store_save_async (store, token, with_consumer_secret ? e->consumer_secret : NULL,
                                 run->session->cancellable, cs_cli_session_ready, run->session);
      if (!cs_token_store_save_finish (store, cs_cli_session_wait (run->session), &error))
        {
          g_printerr (_("countersign-cli: %s: not imported, nothing was removed from the "
                        "file\n"), e->label);
          return cs_cli_report_error (error);
        }
      printf (_("Imported %s as %s\n"), e->label, cs_stored_token_get_id (token));
    }
  fflush (stdout);
  return -1;
}

/* y/N on a terminal, read without blocking the loop (Ctrl+C still works). */
static gboolean
ask_remove (Import *run)
{
  g_autoptr(GInputStream) base = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (base);
  g_autofree char *answer = NULL;

  g_printerr (_("Remove the imported secrets from %s? The keyring holds them now, and the "
                "tool that wrote the file will need them entered again. [y/N] "), run->path);
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, run->session->cancellable,
                                       cs_cli_session_ready, run->session);
  answer = g_data_input_stream_read_line_finish_utf8 (lines, cs_cli_session_wait (run->session),
                                                      NULL, NULL);
  return answer != NULL && (g_ascii_strcasecmp (g_strstrip (answer), "y") == 0 ||
                            g_ascii_strcasecmp (answer, "yes") == 0);
}

static int
remove_secrets (Import  *run,
                gboolean with_consumer_secret)
{
  gsize length = 0;
  g_autofree char *stripped = cs_import_strip_secrets (run->data, run->length, run->entries,
                                                       with_consumer_secret, &length);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_file_replace_contents_async (run->file, stripped, length, run->etag, FALSE,
                                 G_FILE_CREATE_NONE, run->session->cancellable,
                                 cs_cli_session_ready, run->session);
  ok = g_file_replace_contents_finish (run->file, cs_cli_session_wait (run->session), NULL,
                                       &error);
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      g_printerr (_("countersign-cli: %s changed since it was read; nothing was removed from "
                    "it\n"), run->path);
      return CS_CLI_EXIT_FAILURE;
    }
  if (!ok)
    return file_error (run, error);
  printf (with_consumer_secret ? _("Removed the tokens, token secrets and consumer secrets from "
                                   "%s\n")
                               : _("Removed the tokens and token secrets from %s (the consumer "
                                   "secrets stay: they were not stored)\n"), run->path);
  return CS_CLI_EXIT_OK;
}

static int
offer_removal (Import           *run,
               const ImportArgs *a)
{
  if (a->keep_secrets)
    return CS_CLI_EXIT_OK;
  if (a->remove_secrets || (isatty (STDIN_FILENO) && ask_remove (run)))
    return remove_secrets (run, a->store_consumer_secret);
  if (g_cancellable_is_cancelled (run->session->cancellable))
    return CS_CLI_EXIT_CANCELLED;
  printf (_("The secrets are still in %s; run again with --remove-secrets to remove them.\n"),
          run->path);
  return CS_CLI_EXIT_OK;
}

static int
parse_args (int          *argc,
            char       ***argv,
            ImportArgs   *a,
            CsImportSource *source)
{
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &a->file,
      N_("Read this file (default: ~/.twurlrc, or xurl’s ~/.xurl/auth.yml)"), N_("PATH") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &a->dry_run,
      N_("List what would be imported; change nothing"), NULL },
    { "store-consumer-secret", 0, 0, G_OPTION_ARG_NONE, &a->store_consumer_secret,
      N_("Also save the consumer secrets in the keyring"), NULL },
    { "remove-secrets", 0, 0, G_OPTION_ARG_NONE, &a->remove_secrets,
      N_("After a successful import, remove the imported secrets from the file"), NULL },
    { "keep-secrets", 0, 0, G_OPTION_ARG_NONE, &a->keep_secrets,
      N_("Leave the file as it is (no question)"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context =
    cs_cli_option_context_new ("import", "twurl|xurl",
                               _("Import the OAuth 1.0a credentials that twurl or xurl keep in "
                                 "plain text into the keyring, as X credentials."),
                               _("Everything is listed first. Afterwards, on a terminal, you are "
                                 "asked whether to remove the secrets from the file."),
                               cs_cli_exit_codes_help (), entries);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cs_cli_usage_error (NULL, "%s", error->message);
  if (*argc != 2 || (strcmp ((*argv)[1], "twurl") != 0 && strcmp ((*argv)[1], "xurl") != 0))
    return cs_cli_usage_error (NULL, _("Name the tool: “countersign-cli import twurl” or "
                                       "“countersign-cli import xurl”"));
  if (a->remove_secrets && a->keep_secrets)
    return cs_cli_usage_error ("--remove-secrets", _("cannot be used with --keep-secrets"));
  *source = strcmp ((*argv)[1], "twurl") == 0 ? CS_IMPORT_TWURL : CS_IMPORT_XURL;
  return -1;
}

int
cs_cli_import (int    argc,
               char **argv)
{
  ImportArgs a = { 0 };
  g_auto(CsCliSession) session;
  g_auto(Import) run = { .session = &session };
  int status;

  cs_cli_session_init (&session);
  if ((status = parse_args (&argc, &argv, &a, &run.source)) >= 0)
    return g_free (a.file), status;
  run.path = a.file != NULL ? g_steal_pointer (&a.file) : cs_import_default_path (run.source);
  run.file = g_file_new_for_commandline_arg (run.path);
  if ((status = read_file (&run)) >= 0)
    return status;
  if (print_entries (&run, a.store_consumer_secret) == 0)
    return CS_CLI_EXIT_OK;
  if (a.dry_run)
    {
      printf ("%s\n", _("Dry run: nothing was imported or changed."));
      return CS_CLI_EXIT_OK;
    }
  if ((status = save_all (&run, a.store_consumer_secret)) >= 0)
    return status;
  return offer_removal (&run, &a);
}
