/* cs-token-store.c — credentials in the system keyring (libsecret, async only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only libsecret's backend-neutral API is used (secret_password_*, SecretRetrievable), so the
 * same code talks to gnome-keyring (or any Secret Service) on the host and to the Secret
 * portal inside a Flatpak sandbox. There is no fallback: when the keyring is unavailable the
 * caller gets an error and nothing is written anywhere.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-percent.h"
#include "cs-token-store-private.h"

#define KIND_ACCESS   "access"
#define KIND_CONSUMER "consumer"
#define LABEL_PREFIX  "Countersign: "

struct _CsTokenStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CsTokenStore, cs_token_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (cs-store-error-quark, cs_store_error)

const SecretSchema *
cs_token_store_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.countersign.Countersign.Credentials",
    SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "consumer_key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
cs_token_store_class_init (CsTokenStoreClass *klass)
{
}

static void
cs_token_store_init (CsTokenStore *self)
{
}

CsTokenStore *
cs_token_store_new (void)
{
  return g_object_new (CS_TYPE_TOKEN_STORE, NULL);
}

/* The D-Bus errors that mean "nothing provides the Secret Service on this bus". */
static gboolean
is_no_service_error (const GError *error)
{
  static const GDBusError codes[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN, G_DBUS_ERROR_NAME_HAS_NO_OWNER, G_DBUS_ERROR_NO_SERVER,
    G_DBUS_ERROR_DISCONNECTED, G_DBUS_ERROR_NO_REPLY, G_DBUS_ERROR_BAD_ADDRESS,
    G_DBUS_ERROR_FILE_NOT_FOUND, G_DBUS_ERROR_NOT_SUPPORTED, G_DBUS_ERROR_NO_NETWORK,
    G_DBUS_ERROR_SPAWN_EXEC_FAILED, G_DBUS_ERROR_SPAWN_FORK_FAILED,
    G_DBUS_ERROR_SPAWN_CHILD_EXITED, G_DBUS_ERROR_SPAWN_CHILD_SIGNALED,
    G_DBUS_ERROR_SPAWN_FAILED, G_DBUS_ERROR_SPAWN_SETUP_FAILED,
    G_DBUS_ERROR_SPAWN_CONFIG_INVALID, G_DBUS_ERROR_SPAWN_SERVICE_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND, G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID,
    G_DBUS_ERROR_SPAWN_FILE_INVALID, G_DBUS_ERROR_SPAWN_NO_MEMORY,
  };

  /* Connecting to the session bus itself: no address and no autolaunch (FAILED), an address
   * that is malformed (INVALID_ARGUMENT) or points at no socket (NOT_FOUND,
   * CONNECTION_REFUSED), a bus that went away (CLOSED, BROKEN_PIPE, CONNECTION_CLOSED,
   * NOT_CONNECTED). Anything else, a timeout above all, is not "no keyring": the caller
   * says what it was. */
  static const GIOErrorEnum io_codes[] = {
    G_IO_ERROR_FAILED, G_IO_ERROR_INVALID_ARGUMENT, G_IO_ERROR_NOT_FOUND,
    G_IO_ERROR_CONNECTION_REFUSED, G_IO_ERROR_CLOSED, G_IO_ERROR_BROKEN_PIPE,
    G_IO_ERROR_CONNECTION_CLOSED, G_IO_ERROR_NOT_CONNECTED,
  };

  if (error->domain == G_IO_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (io_codes); i++)
        if (error->code == (int) io_codes[i])
          return TRUE;
      return FALSE;
    }
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (error->code == (int) codes[i])
      return TRUE;
  return FALSE;
}

/* Turns what libsecret or D-Bus reported into a CS_STORE_ERROR that says what to do. Our
 * own cancellation stays G_IO_ERROR_CANCELLED so that callers can ignore it. */
static GError *
store_error_from (GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (CS_STORE_ERROR, CS_STORE_ERROR_LOCKED,
                                _("The keyring is locked: unlock it (the unlock prompt was "
                                  "dismissed or could not be shown), then retry"));

  if (is_no_service_error (error))
    {
      g_debug ("Keyring unavailable: %s", error->message);
      return g_error_new_literal (CS_STORE_ERROR, CS_STORE_ERROR_UNAVAILABLE,
                                  _("No keyring service is running: start GNOME Keyring or "
                                    "another Secret Service, then retry"));
    }

  if (g_dbus_error_is_remote_error (error))
    g_dbus_error_strip_remote_error (error);
  return g_error_new (CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                      _("The keyring reported an error: %s"), error->message);
}

static void
task_return_store_error (GTask  *task,
                         GError *error)
{
  g_task_return_error (task, store_error_from (error));
}

static GError *
not_found_error (const char *id)
{
  return g_error_new (CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                      _("No stored credentials with id “%s”"), id);
}

static GHashTable *
attributes_new (const char *provider_id,
                const char *host,
                const char *consumer_key,
                const char *account,
                const char *kind)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "provider", g_strdup (provider_id));
  g_hash_table_insert (attributes, (gpointer) "host", g_strdup (host));
  g_hash_table_insert (attributes, (gpointer) "consumer_key", g_strdup (consumer_key));
  if (account != NULL)
    g_hash_table_insert (attributes, (gpointer) "account", g_strdup (account));
  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind));
  return attributes;
}

static GHashTable *
kind_attributes_new (const char *kind)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind));
  return attributes;
}

static char *
label_for (const char *account,
           const char *provider_name)
{
  /* Not translated: the provider name is read back from it (see provider_name_from_label). */
  if (account != NULL && *account != '\0')
    return g_strdup_printf (LABEL_PREFIX "@%s on %s", account, provider_name);
  return g_strdup_printf (LABEL_PREFIX "%s", provider_name);
}

static char *
provider_name_from_label (const char *label,
                          const char *account,
                          const char *provider_id)
{
  g_autofree char *prefix = NULL;

  if (label == NULL || !g_str_has_prefix (label, LABEL_PREFIX))
    return g_strdup (provider_id);
  if (*account != '\0')
    prefix = g_strdup_printf (LABEL_PREFIX "@%s on ", account);
  else
    prefix = g_strdup (LABEL_PREFIX);
  if (g_str_has_prefix (label, prefix) && label[strlen (prefix)] != '\0')
    return g_strdup (label + strlen (prefix));
  return g_strdup (provider_id);
}

static gboolean
validate_utf8_fields (CsStoredToken  *token,
                      GError        **error)
{
  const char *fields[] = {
    cs_stored_token_get_provider_id (token),
    cs_stored_token_get_provider_name (token),
    cs_stored_token_get_host (token),
    cs_stored_token_get_consumer_key (token),
    cs_stored_token_get_account (token),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!g_utf8_validate (fields[i], -1, NULL))
      {
        g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                             _("Cannot store these credentials: the provider, host, consumer "
                               "key or account is not valid UTF-8"));
        return FALSE;
      }
  return TRUE;
}

/* Builds a token (without secrets) from a search result; NULL when the item is not ours. */
static CsStoredToken *
token_from_item (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  g_autofree char *label = secret_retrievable_get_label (item);
  g_autofree char *provider_name = NULL;
  const char *provider_id = g_hash_table_lookup (attributes, "provider");
  const char *consumer_key = g_hash_table_lookup (attributes, "consumer_key");
  const char *account = g_hash_table_lookup (attributes, "account");
  CsStoredToken *token;

  if (provider_id == NULL || consumer_key == NULL)
    return NULL;
  if (account == NULL)
    account = "";
  provider_name = provider_name_from_label (label, account, provider_id);
  token = cs_stored_token_new (provider_id, provider_name, g_hash_table_lookup (attributes, "host"),
                               consumer_key, account, NULL, NULL);
  cs_stored_token_set_modified (token, (gint64) secret_retrievable_get_modified (item));
  return token;
}

static gboolean
item_is_locked (GObject *item)
{
  return SECRET_IS_ITEM (item) && secret_item_get_locked (SECRET_ITEM (item));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  CsStoredToken *ta = *(CsStoredToken **) a;
  CsStoredToken *tb = *(CsStoredToken **) b;
  gint64 ma = cs_stored_token_get_modified (ta);
  gint64 mb = cs_stored_token_get_modified (tb);

  if (ma != mb)
    return ma > mb ? -1 : 1;
  return strcmp (cs_stored_token_get_id (ta), cs_stored_token_get_id (tb));
}

/* The stored access items as tokens, newest first; the matching items (same order) in
 * @items_out when asked for. FALSE with LOCKED when an item stayed locked: an empty or
 * partial list would tell the user that credentials are gone when they are not. */
static GPtrArray *
tokens_from_search (GList      *found,
                    GPtrArray **items_out,
                    GError    **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_stored_token_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) item_of = g_hash_table_new (NULL, NULL);

  for (GList *l = found; l != NULL; l = l->next)
    {
      CsStoredToken *token;

      if (item_is_locked (l->data))
        {
          g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED,
                               _("The keyring is locked: unlock it (the unlock prompt was "
                                 "dismissed or could not be shown), then retry"));
          return NULL;
        }
      token = token_from_item (l->data);
      if (token == NULL)
        continue;
      g_ptr_array_add (tokens, token);
      g_hash_table_insert (item_of, token, l->data);
    }
  g_ptr_array_sort (tokens, compare_newest_first);
  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (items, g_object_ref (g_hash_table_lookup (item_of, tokens->pdata[i])));
  if (items_out != NULL)
    *items_out = g_steal_pointer (&items);
  return g_steal_pointer (&tokens);
}

static void
search_access_items (GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = kind_attributes_new (KIND_ACCESS);

  secret_password_searchv (cs_token_store_get_schema (), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, cancellable, callback,
                           user_data);
}

/* Reads the text of a secret into memory we own (and wipe). */
static char *
secret_text_dup (SecretValue *value)
{
  gsize length = 0;
  const char *data;

  if (value == NULL)
    return NULL;
  data = secret_value_get (value, &length);
  if (data == NULL || memchr (data, '\0', length) != NULL)
    return NULL;
  return g_strndup (data, length);
}

/* ---- save ---------------------------------------------------------------------------- */

typedef struct
{
  CsStoredToken *token;
  char          *consumer_secret;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->token, cs_stored_token_unref);
  cs_secret_free (data->consumer_secret);
  g_free (data);
}

static void
on_consumer_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    task_return_store_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_access_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *label = NULL;
  char *secret;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      task_return_store_error (task, error);
      return;
    }
  if (data->consumer_secret == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The consumer secret belongs to the consumer key, not to one account: one item per key,
   * without the account attribute, shared by every account authorized with that key. */
  attributes = attributes_new (cs_stored_token_get_provider_id (data->token),
                               cs_stored_token_get_host (data->token),
                               cs_stored_token_get_consumer_key (data->token),
                               NULL, KIND_CONSUMER);
  params = cs_param_list_new ();
  cs_param_list_add (params, "oauth_consumer_secret", data->consumer_secret);
  secret = cs_form_encode (params);
  label = g_strdup_printf (LABEL_PREFIX "consumer secret for %s on %s",
                           cs_stored_token_get_consumer_key (data->token),
                           cs_stored_token_get_provider_name (data->token));
  secret_password_storev (cs_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, g_task_get_cancellable (task), on_consumer_stored,
                          g_object_ref (task));
  cs_secret_free (secret);
}

/**
 * cs_token_store_save_async:
 * @token: the token to store; its token and token secret must be set
 * @consumer_secret: (nullable): also store the consumer secret (the user opted in)
 *
 * Stores the access item (replacing the one with the same provider, host, consumer key and
 * account) and, with @consumer_secret, the consumer item of that consumer key.
 */
void
cs_token_store_save_async (CsTokenStore        *self,
                           CsStoredToken       *token,
                           const char          *consumer_secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;
  SaveData *data;
  char *secret;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_token_store_save_async);

  if (cs_stored_token_get_token (token) == NULL ||
      cs_stored_token_get_token_secret (token) == NULL)
    {
      g_task_return_new_error (task, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                               _("Nothing to store: the access token or its secret is missing"));
      return;
    }
  if (!validate_utf8_fields (token, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->token = cs_stored_token_ref (token);
  data->consumer_secret = g_strdup (consumer_secret);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  attributes = attributes_new (cs_stored_token_get_provider_id (token),
                               cs_stored_token_get_host (token),
                               cs_stored_token_get_consumer_key (token),
                               cs_stored_token_get_account (token), KIND_ACCESS);
  params = cs_param_list_new ();
  cs_param_list_add (params, "oauth_token", cs_stored_token_get_token (token));
  cs_param_list_add (params, "oauth_token_secret", cs_stored_token_get_token_secret (token));
  secret = cs_form_encode (params);
  label = label_for (cs_stored_token_get_account (token),
                     cs_stored_token_get_provider_name (token));
  /* Storing with the same attributes replaces the item: re-authorizing updates it. */
  secret_password_storev (cs_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, cancellable, on_access_stored, g_steal_pointer (&task));
  cs_secret_free (secret);
}

gboolean
cs_token_store_save_finish (CsTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- list ---------------------------------------------------------------------------- */

static void
on_list_searched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GList *found;
  GPtrArray *tokens;
  GError *error = NULL;

  found = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      task_return_store_error (task, error);
      return;
    }
  tokens = tokens_from_search (found, NULL, &error);
  g_list_free_full (found, g_object_unref);
  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) g_ptr_array_unref);
}

void
cs_token_store_list_async (CsTokenStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_token_store_list_async);
  search_access_items (cancellable, on_list_searched, task);
}

GPtrArray *
cs_token_store_list_finish (CsTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_list_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- lookup and delete: find the item with an id ------------------------------------- */

typedef struct
{
  char              *id;
  CsStoredToken     *token;
  SecretRetrievable *item;
  gboolean           last_of_consumer_key; /* delete: no other account uses the key */
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->id);
  g_clear_pointer (&data->token, cs_stored_token_unref);
  g_clear_object (&data->item);
  g_free (data);
}

static gboolean
same_consumer_key (CsStoredToken *a,
                   CsStoredToken *b)
{
  return g_str_equal (cs_stored_token_get_provider_id (a), cs_stored_token_get_provider_id (b)) &&
         g_str_equal (cs_stored_token_get_host (a), cs_stored_token_get_host (b)) &&
         g_str_equal (cs_stored_token_get_consumer_key (a), cs_stored_token_get_consumer_key (b));
}

/* Completes the search for the task's id; FALSE (and the task returned) when not found. */
static gboolean
find_finish (GTask        *task,
             GAsyncResult *result)
{
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  GList *found;

  found = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      task_return_store_error (task, error);
      return FALSE;
    }
  tokens = tokens_from_search (found, &items, &error);
  g_list_free_full (found, g_object_unref);
  if (tokens == NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }

  /* Newest first, so the newest wins should two items ever share an id. */
  for (guint i = 0; i < tokens->len && data->token == NULL; i++)
    if (g_str_equal (cs_stored_token_get_id (tokens->pdata[i]), data->id))
      {
        data->token = cs_stored_token_ref (tokens->pdata[i]);
        data->item = g_object_ref (items->pdata[i]);
      }
  if (data->token == NULL)
    {
      g_task_return_error (task, not_found_error (data->id));
      return FALSE;
    }

  data->last_of_consumer_key = TRUE;
  for (guint i = 0; i < tokens->len; i++)
    if (!g_str_equal (cs_stored_token_get_id (tokens->pdata[i]), data->id) &&
        same_consumer_key (tokens->pdata[i], data->token))
      data->last_of_consumer_key = FALSE;
  return TRUE;
}

static GTask *
find_task_new (CsTokenStore        *self,
               const char          *id,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  FindData *data = g_new0 (FindData, 1);

  g_task_set_source_tag (task, source_tag);
  data->id = g_strstrip (g_strdup (id));
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  return task;
}

static GHashTable *
consumer_attributes_new (CsStoredToken *token)
{
  return attributes_new (cs_stored_token_get_provider_id (token),
                         cs_stored_token_get_host (token),
                         cs_stored_token_get_consumer_key (token),
                         NULL, KIND_CONSUMER);
}

/* ---- lookup -------------------------------------------------------------------------- */

static void
on_consumer_secret (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) params = NULL;
  SecretValue *value;
  char *text;
  GError *error = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (value == NULL)
    {
      if (error != NULL)
        task_return_store_error (task, error);
      else
        g_task_return_pointer (task, cs_stored_token_ref (data->token),
                               (GDestroyNotify) cs_stored_token_unref);
      return;
    }
  text = secret_text_dup (value);
  secret_value_unref (value);
  params = text ? cs_form_parse (text, -1, NULL) : NULL;
  cs_secret_free (text);
  if (params != NULL && cs_param_list_get (params, "oauth_consumer_secret") != NULL)
    cs_stored_token_take_consumer_secret (data->token,
                                          g_strdup (cs_param_list_get (params,
                                                                       "oauth_consumer_secret")));
  g_task_return_pointer (task, cs_stored_token_ref (data->token),
                         (GDestroyNotify) cs_stored_token_unref);
}

static void
on_consumer_searched (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GList *found;

  found = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      task_return_store_error (task, error);
      return;
    }
  if (found == NULL)
    {
      /* The consumer secret is optional: the user did not choose to store it. */
      g_task_return_pointer (task, cs_stored_token_ref (data->token),
                             (GDestroyNotify) cs_stored_token_unref);
      return;
    }
  secret_retrievable_retrieve_secret (found->data, g_task_get_cancellable (task),
                                      on_consumer_secret, g_object_ref (task));
  g_list_free_full (found, g_object_unref);
}

static void
on_access_secret (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const char *token;
  const char *token_secret;
  SecretValue *value;
  char *text;
  GError *error = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (value == NULL)
    {
      if (error != NULL)
        task_return_store_error (task, error);
      else
        g_task_return_new_error (task, CS_STORE_ERROR, CS_STORE_ERROR_LOCKED,
                                 _("The keyring is locked: unlock it (the unlock prompt was "
                                   "dismissed or could not be shown), then retry"));
      return;
    }
  text = secret_text_dup (value);
  secret_value_unref (value);
  params = text ? cs_form_parse (text, -1, NULL) : NULL;
  cs_secret_free (text);
  token = params ? cs_param_list_get (params, "oauth_token") : NULL;
  token_secret = params ? cs_param_list_get (params, "oauth_token_secret") : NULL;
  if (token == NULL || token_secret == NULL)
    {
      g_task_return_new_error (task, CS_STORE_ERROR, CS_STORE_ERROR_FAILED,
                               _("The keyring item with id “%s” is damaged: it holds no access "
                                 "token; forget it and authorize again"), data->id);
      return;
    }
  cs_stored_token_take_secrets (data->token, g_strdup (token), g_strdup (token_secret));

  attributes = consumer_attributes_new (data->token);
  secret_password_searchv (cs_token_store_get_schema (), attributes,
                           SECRET_SEARCH_UNLOCK, g_task_get_cancellable (task),
                           on_consumer_searched, g_object_ref (task));
}

static void
on_lookup_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);

  if (!find_finish (task, result))
    return;
  secret_retrievable_retrieve_secret (data->item, g_task_get_cancellable (task),
                                      on_access_secret, g_object_ref (task));
}

void
cs_token_store_lookup_async (CsTokenStore        *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = find_task_new (self, id, cs_token_store_lookup_async, cancellable, callback, user_data);
  search_access_items (cancellable, on_lookup_searched, task);
}

CsStoredToken *
cs_token_store_lookup_finish (CsTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- delete -------------------------------------------------------------------------- */

static void
on_consumer_cleared (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    task_return_store_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_access_cleared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error))
    {
      if (error != NULL)
        task_return_store_error (task, error);
      else
        g_task_return_error (task, not_found_error (data->id));
      return;
    }
  if (!data->last_of_consumer_key)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* No other stored account uses this consumer key: its secret goes too. */
  attributes = consumer_attributes_new (data->token);
  secret_password_clearv (cs_token_store_get_schema (), attributes, g_task_get_cancellable (task),
                          on_consumer_cleared, g_object_ref (task));
}

static void
on_delete_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;

  if (!find_finish (task, result))
    return;
  attributes = attributes_new (cs_stored_token_get_provider_id (data->token),
                               cs_stored_token_get_host (data->token),
                               cs_stored_token_get_consumer_key (data->token),
                               cs_stored_token_get_account (data->token), KIND_ACCESS);
  secret_password_clearv (cs_token_store_get_schema (), attributes, g_task_get_cancellable (task),
                          on_access_cleared, g_object_ref (task));
}

/* Deletes the access item and, when no other stored account uses its consumer key, the
 * consumer item. */
void
cs_token_store_delete_async (CsTokenStore        *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CS_IS_TOKEN_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = find_task_new (self, id, cs_token_store_delete_async, cancellable, callback, user_data);
  search_access_items (cancellable, on_delete_searched, task);
}

gboolean
cs_token_store_delete_finish (CsTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CS_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_token_store_delete_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
