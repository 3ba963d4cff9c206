/* cs-oauth2-redirect.c — the query of the redirect an authorization ends with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-oauth2-redirect.h"
#include "cs-percent.h"

/* A browser's address is at most a few kilobytes; anything longer is not a redirect. */
#define MAX_QUERY (64 * 1024)

static const char *const names[] = { "code", "state", "error", "error_description" };

static void
clear_outs (char **outs[G_N_ELEMENTS (names)])
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (outs[i] != NULL)
      g_clear_pointer (outs[i], cs_secret_free);
}

/* The verdict does not depend on which outs the caller asked for. */
static gboolean
take_values (GPtrArray *params,
             char     **outs[G_N_ELEMENTS (names)])
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (cs_param_list_count (params, names[i]) > 1)
        return FALSE;
      for (guint j = 0; j < params->len; j++)
        {
          CsParam *param = g_ptr_array_index (params, j);
          gsize value_len = param->value_len ? param->value_len : strlen (param->value);

          if (strcmp (param->name, names[i]) != 0)
            continue;
          /* A decoded %00 would cut the value short where it is used as a C string. */
          if (memchr (param->value, '\0', value_len) != NULL)
            return FALSE;
          if (outs[i] != NULL)
            *outs[i] = g_strdup (param->value);
        }
    }
  return TRUE;
}

gboolean
cs_oauth2_parse_redirect_query (const char  *query,
                                gssize       len,
                                char       **code,
                                char       **state,
                                char       **error_code,
                                char       **error_description)
{
  char **outs[G_N_ELEMENTS (names)] = { code, state, error_code, error_description };
  g_autoptr (GPtrArray) params = NULL;
  const char *hash;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (outs[i] != NULL)
      *outs[i] = NULL;
  if (query == NULL)
    return FALSE;
  if (len < 0)
    len = strlen (query);
  if (len > MAX_QUERY || memchr (query, '\0', len) != NULL)
    return FALSE;
  if (len > 0 && query[0] == '?')
    {
      query++;
      len--;
    }
  hash = memchr (query, '#', len);
  if (hash != NULL)
    len = hash - query;

  params = cs_form_parse (query, len, NULL);
  if (params == NULL)
    return FALSE;
  if (!take_values (params, outs))
    {
      clear_outs (outs);
      return FALSE;
    }
  return TRUE;
}
