/* cs-credentials.c — a token response: every field the provider sent, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cs-credentials.h"
#include "cs-percent.h"

struct _CsCredentials
{
  gatomicrefcount  ref_count;
  GPtrArray       *params; /* of CsParam, whose values are wiped on free */
};

G_DEFINE_BOXED_TYPE (CsCredentials, cs_credentials, cs_credentials_ref, cs_credentials_unref)

/**
 * cs_credentials_new:
 * @params: (transfer none): a list of CsParam
 *
 * Copies @params, so the caller keeps (and frees) its own list.
 */
CsCredentials *
cs_credentials_new (GPtrArray *params)
{
  CsCredentials *self;

  g_return_val_if_fail (params != NULL, NULL);

  self = g_new0 (CsCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->params = cs_param_list_new ();
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);

      cs_param_list_add (self->params, param->name, param->value);
    }
  return self;
}

CsCredentials *
cs_credentials_new_token (const char *token,
                          const char *token_secret)
{
  g_autoptr(GPtrArray) params = cs_param_list_new ();

  cs_param_list_add (params, CS_CREDENTIALS_TOKEN, token);
  cs_param_list_add (params, CS_CREDENTIALS_TOKEN_SECRET, token_secret);
  return cs_credentials_new (params);
}

CsCredentials *
cs_credentials_ref (CsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cs_credentials_unref (CsCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->params);
      g_free (self);
    }
}

/* Returns: (transfer none): the list, in the order received. Do not modify it. */
GPtrArray *
cs_credentials_get_params (CsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->params;
}

const char *
cs_credentials_get (CsCredentials *self,
                    const char    *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return cs_param_list_get (self->params, name);
}

const char *
cs_credentials_get_token (CsCredentials *self)
{
  return cs_credentials_get (self, CS_CREDENTIALS_TOKEN);
}

const char *
cs_credentials_get_token_secret (CsCredentials *self)
{
  return cs_credentials_get (self, CS_CREDENTIALS_TOKEN_SECRET);
}

gboolean
cs_credentials_get_callback_confirmed (CsCredentials *self)
{
  const char *value = cs_credentials_get (self, CS_CREDENTIALS_CALLBACK_CONFIRMED);

  return value != NULL && strcmp (value, "true") == 0;
}

const char *
cs_credentials_get_user_id (CsCredentials *self)
{
  return cs_credentials_get (self, "user_id");
}

const char *
cs_credentials_get_screen_name (CsCredentials *self)
{
  return cs_credentials_get (self, "screen_name");
}

const char *
cs_credentials_get_account (CsCredentials *self)
{
  const char *screen_name = cs_credentials_get_screen_name (self);

  return screen_name != NULL ? screen_name : cs_credentials_get_user_id (self);
}

gboolean
cs_credentials_field_is_secret (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_str_has_suffix (name, "secret");
}

gboolean
cs_credentials_field_is_token (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return strcmp (name, CS_CREDENTIALS_TOKEN) == 0;
}
