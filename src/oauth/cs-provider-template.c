/* cs-provider-template.c — {base} templates and end-of-life dates of providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept beside the CsProvider object, as object data, so that the keyfile and the object
 * (which other work changes too) need only a few lines each.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-provider-object-private.h"
#include "cs-provider-template.h"
#include "cs-url-rules.h"

#define KEY_EXAMPLE "cs-provider-base-url-example"
#define KEY_EOL     "cs-provider-end-of-life"
#define KEY_EOL_URL "cs-provider-end-of-life-url"

static void
set_string (CsProvider *self,
            const char *key,
            const char *value)
{
  g_object_set_data_full (G_OBJECT (self), key,
                          value != NULL && *value != '\0' ? g_strdup (value) : NULL, g_free);
}

gboolean
cs_provider_is_template (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), FALSE);

  for (guint i = CS_PROVIDER_FIELD_REQUEST_TOKEN_URL; i < CS_PROVIDER_N_FIELDS; i++)
    if (g_str_has_prefix (cs_provider_get_field (self, i) ?: "", CS_PROVIDER_BASE_PLACEHOLDER))
      return TRUE;
  return FALSE;
}

const char *
cs_provider_get_base_url_example (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return g_object_get_data (G_OBJECT (self), KEY_EXAMPLE);
}

void
cs_provider_set_base_url_example (CsProvider *self,
                                  const char *example)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  set_string (self, KEY_EXAMPLE, example);
}

const char *
cs_provider_get_end_of_life (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return g_object_get_data (G_OBJECT (self), KEY_EOL);
}

const char *
cs_provider_get_end_of_life_url (CsProvider *self)
{
  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  return g_object_get_data (G_OBJECT (self), KEY_EOL_URL);
}

void
cs_provider_set_end_of_life (CsProvider *self,
                             const char *date,
                             const char *url)
{
  g_return_if_fail (CS_IS_PROVIDER (self));
  set_string (self, KEY_EOL, date);
  set_string (self, KEY_EOL_URL, url);
}

char *
cs_provider_describe_end_of_life (CsProvider *self)
{
  const char *date = cs_provider_get_end_of_life (self);
  const char *url = cs_provider_get_end_of_life_url (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gboolean past;

  if (date == NULL)
    return NULL;
  /* ISO dates compare as strings. */
  past = strcmp (date, today) < 0;
  if (url == NULL)
    return past ? g_strdup_printf (_("The provider ended OAuth 1.0a on %s"), date)
                : g_strdup_printf (_("The provider ends OAuth 1.0a on %s"), date);
  return past ? g_strdup_printf (_("The provider ended OAuth 1.0a on %s (announced at %s)"),
                                 date, url)
              : g_strdup_printf (_("The provider ends OAuth 1.0a on %s (announced at %s)"),
                                 date, url);
}

/* @base_url checked and without its trailing "/". */
static char *
check_base_url (const char *base_url,
                gboolean    allow_insecure_http,
                GError    **error)
{
  g_autofree char *base = g_strstrip (g_strdup (base_url));
  gsize len = strlen (base);

  if (len == 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("Enter the address of your server, such as https://server.example.com"));
      return NULL;
    }
  if (!cs_endpoint_url_check (base, allow_insecure_http, error))
    return NULL;
  if (strpbrk (base, "?#") != NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The server address must not have a query (“?”) or a fragment (“#”)"));
      return NULL;
    }
  if (base[len - 1] == '/')
    base[len - 1] = '\0';
  return g_steal_pointer (&base);
}

CsProvider *
cs_provider_expand_template (CsProvider *self,
                             const char *base_url,
                             gboolean    allow_insecure_http,
                             GError    **error)
{
  g_autofree char *base = NULL;
  CsProvider *copy;

  g_return_val_if_fail (CS_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = check_base_url (base_url, allow_insecure_http, error);
  if (base == NULL)
    return NULL;

  copy = cs_provider_new (cs_provider_get_id (self), cs_provider_get_name (self));
  for (guint i = CS_PROVIDER_FIELD_REQUEST_TOKEN_URL; i < CS_PROVIDER_N_FIELDS; i++)
    {
      const char *value = cs_provider_get_field (self, i);
      g_autofree char *expanded = NULL;

      if (value != NULL && g_str_has_prefix (value, CS_PROVIDER_BASE_PLACEHOLDER))
        expanded = g_strconcat (base, value + strlen (CS_PROVIDER_BASE_PLACEHOLDER), NULL);
      cs_provider_set_field (copy, i, expanded != NULL ? expanded : value);
    }
  cs_provider_set_signature_method (copy, cs_provider_get_signature_method (self));
  cs_provider_set_supports_access_type (copy, cs_provider_get_supports_access_type (self));
  cs_provider_set_supports_force_login (copy, cs_provider_get_supports_force_login (self));
  cs_provider_set_is_custom (copy, cs_provider_get_is_custom (self));
  cs_provider_set_end_of_life (copy, cs_provider_get_end_of_life (self),
                               cs_provider_get_end_of_life_url (self));
  return copy;
}
