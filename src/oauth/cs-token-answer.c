/* cs-token-answer.c — a provider's token answer, checked and turned into CsCredentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider-error.h"
#include "cs-token-answer.h"

/* The fields of a form-encoded UTF-8 body, themselves UTF-8 once decoded. */
static GPtrArray *
parse_form (GBytes     *body,
            const char *host,
            GError    **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len == 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("%s answered with an empty body instead of a token"), host);
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("%s answered with bytes that are not UTF-8 text instead of a token"),
                   host);
      return NULL;
    }
  params = cs_form_parse (data, len, &local_error);
  if (params == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("The answer of %s is not form-encoded: %s"), host, local_error->message);
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *param = g_ptr_array_index (params, i);

      if (!g_utf8_validate (param->name, -1, NULL) || !g_utf8_validate (param->value, -1, NULL))
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                       _("The answer of %s has a field that is not UTF-8 text once decoded"),
                       host);
          return NULL;
        }
    }
  return g_steal_pointer (&params);
}

/* oauth_token and oauth_token_secret, each there once and not empty. */
static gboolean
check_token_fields (GPtrArray  *params,
                    const char *host,
                    GError    **error)
{
  const char *required[] = { "oauth_token", "oauth_token_secret" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      guint count = cs_param_list_count (params, required[i]);
      const char *value = cs_param_list_get (params, required[i]);

      if (count == 0 || *value == '\0')
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                       _("The answer of %s lacks the field “%s”: it is not a token response"),
                       host, required[i]);
          return FALSE;
        }
      if (count > 1)
        {
          g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                       _("The answer of %s has the field “%s” %u times; it must be there "
                         "once"), host, required[i], count);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_callback_confirmed (GPtrArray  *params,
                          const char *host,
                          GError    **error)
{
  const char *confirmed = cs_param_list_get (params, "oauth_callback_confirmed");
  g_autofree char *shown = NULL;

  if (confirmed == NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
                   _("The answer of %s lacks “oauth_callback_confirmed=true”: the provider "
                     "does not confirm the callback, as OAuth 1.0a requires"), host);
      return FALSE;
    }
  if (strcmp (confirmed, "true") == 0)
    return TRUE;
  shown = cs_provider_error_sanitize (confirmed, -1, 40);
  g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_BAD_RESPONSE,
               _("The answer of %s has “oauth_callback_confirmed=%s” instead of "
                 "“true”: the provider did not accept the callback"), host, shown);
  return FALSE;
}

/**
 * cs_token_answer_parse:
 * @body: the answer's body (a 2xx answer: refusals are described by cs-provider-error)
 *
 * Returns: (transfer full): the credentials with every field the provider sent, in order
 */
CsCredentials *
cs_token_answer_parse (CsTokenAnswerKind   kind,
                       GBytes             *body,
                       const char         *host,
                       GError            **error)
{
  g_autoptr(GPtrArray) params = NULL;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  params = parse_form (body, host, error);
  if (params == NULL || !check_token_fields (params, host, error))
    return NULL;
  if (kind == CS_TOKEN_ANSWER_REQUEST_TOKEN && !check_callback_confirmed (params, host, error))
    return NULL;
  return cs_credentials_new (params);
}
