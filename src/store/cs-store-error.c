/* cs-store-error.c — what a libsecret or D-Bus error means for the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every failure of the keyring ends up here and leaves as a CS_STORE_ERROR whose message says
 * what to do: no Secret Service on the bus (UNAVAILABLE), a collection that stayed locked
 * (LOCKED: libsecret cannot tell a dismissed prompt from one that could not be shown), an id
 * that matches no item (NOT_FOUND), anything else (FAILED, with the keyring's own words).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-token-store-private.h"

G_DEFINE_QUARK (cs-store-error-quark, cs_store_error)

/* The D-Bus errors that mean "nothing provides the Secret Service on this bus". */
static const GDBusError no_service_dbus_codes[] = {
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
static const GIOErrorEnum no_service_io_codes[] = {
  G_IO_ERROR_FAILED, G_IO_ERROR_INVALID_ARGUMENT, G_IO_ERROR_NOT_FOUND,
  G_IO_ERROR_CONNECTION_REFUSED, G_IO_ERROR_CLOSED, G_IO_ERROR_BROKEN_PIPE,
  G_IO_ERROR_CONNECTION_CLOSED, G_IO_ERROR_NOT_CONNECTED,
};

static gboolean
is_no_service_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (no_service_io_codes); i++)
        if (error->code == (int) no_service_io_codes[i])
          return TRUE;
      return FALSE;
    }
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (no_service_dbus_codes); i++)
    if (error->code == (int) no_service_dbus_codes[i])
      return TRUE;
  return FALSE;
}

GError *
cs_store_error_new_locked (void)
{
  return g_error_new_literal (CS_STORE_ERROR, CS_STORE_ERROR_LOCKED,
                              _("The keyring is locked: unlock it (the unlock prompt was "
                                "dismissed or could not be shown), then retry"));
}

GError *
cs_store_error_new_not_found (const char *id)
{
  return g_error_new (CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                      _("No stored credentials with id “%s”"), id);
}

/* Our own cancellation stays G_IO_ERROR_CANCELLED so that callers can ignore it. */
GError *
cs_store_error_from (GError *error)
{
  g_autoptr(GError) owned = error;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return cs_store_error_new_locked ();

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

void
cs_store_task_return_error (GTask  *task,
                            GError *error)
{
  g_task_return_error (task, cs_store_error_from (error));
}
