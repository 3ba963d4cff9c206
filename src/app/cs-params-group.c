/* cs-params-group.c — every field of a provider's token answer, one value row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cs-credentials.h"
#include "cs-params-group.h"
#include "cs-percent.h"
#include "cs-value-row.h"

struct _CsParamsGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (CsParamsGroup, cs_params_group, ADW_TYPE_PREFERENCES_GROUP)

static void
cs_params_group_finalize (GObject *object)
{
  CsParamsGroup *self = (CsParamsGroup *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_params_group_parent_class)->finalize (object);
}

static void
cs_params_group_class_init (CsParamsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_params_group_finalize;
}

static void
cs_params_group_init (CsParamsGroup *self)
{
  self->rows = g_ptr_array_new ();
}

void
cs_params_group_clear (CsParamsGroup *self)
{
  g_return_if_fail (CS_IS_PARAMS_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

void
cs_params_group_show (CsParamsGroup *self,
                      CsCredentials *credentials,
                      gboolean       access_token)
{
  GPtrArray *params;

  g_return_if_fail (CS_IS_PARAMS_GROUP (self));
  g_return_if_fail (credentials != NULL);

  params = cs_credentials_get_params (credentials);
  cs_params_group_clear (self);
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);
      GtkWidget *row;

      /* An empty field (oauth_authorized_realms=) says nothing and copies nothing. */
      if (param->value == NULL || *param->value == '\0')
        continue;
      row = cs_value_row_new (param->name, param->value,
                              cs_credentials_field_is_secret (param->name));
      /* One stop per value on the way through the page, its Copy (and Reveal) button: the
       * row itself does nothing when activated. */
      gtk_widget_set_focusable (row, FALSE);
      if (access_token && cs_credentials_field_is_token (param->name))
        cs_value_row_set_clear_copied (CS_VALUE_ROW (row), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}
