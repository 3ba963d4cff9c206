/* cs-oauth2-request.c — one authorization request: PKCE, state, redirect_uri
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-error.h"
#include "cs-oauth2-pkce.h"
#include "cs-oauth2-redirect.h"
#include "cs-oauth2-request.h"
#include "cs-percent.h"

struct _CsOAuth2Request
{
  GObject parent_instance;

  char *authorize_url;
  char *client_id;
  char *redirect_uri;
  char *scope;
  char *state;
  char *verifier;
  char *url;
  gboolean used;
};

G_DEFINE_FINAL_TYPE (CsOAuth2Request, cs_oauth2_request, G_TYPE_OBJECT)

static void
cs_oauth2_request_finalize (GObject *object)
{
  CsOAuth2Request *self = CS_OAUTH2_REQUEST (object);

  g_free (self->authorize_url);
  g_free (self->client_id);
  g_free (self->redirect_uri);
  g_free (self->scope);
  cs_secret_free (self->state);
  cs_secret_free (self->verifier);
  g_free (self->url);
  G_OBJECT_CLASS (cs_oauth2_request_parent_class)->finalize (object);
}

static void
cs_oauth2_request_class_init (CsOAuth2RequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_oauth2_request_finalize;
}

static void
cs_oauth2_request_init (CsOAuth2Request *self)
{
}

static gboolean
check_authorize_url (const char *url,
                     GError    **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The authorization URL “%s” is not an http or https address."), url);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_redirect_uri (const char *redirect_uri,
                    GError    **error)
{
  g_autoptr (GUri) uri = g_uri_parse (redirect_uri, G_URI_FLAGS_ENCODED, NULL);

  /* RFC 6749 §3.1.2: absolute, without a fragment. */
  if (uri == NULL || g_uri_get_fragment (uri) != NULL || strchr (redirect_uri, ' ') != NULL)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("The redirect URI “%s” is not an absolute address without a fragment."),
                   redirect_uri);
      return FALSE;
    }
  return TRUE;
}

static void
append_param (GString    *out,
              const char *name,
              const char *value)
{
  g_string_append_c (out, '&');
  g_string_append (out, name);
  g_string_append_c (out, '=');
  cs_percent_encode_append (out, value, -1);
}

static char *
build_url (CsOAuth2Request *self)
{
  g_autofree char *challenge = cs_oauth2_code_challenge (self->verifier);
  GString *out = g_string_new (self->authorize_url);

  g_string_append (out, strchr (self->authorize_url, '?') != NULL ? "&" : "?");
  g_string_append (out, "response_type=code");
  append_param (out, "client_id", self->client_id);
  append_param (out, "redirect_uri", self->redirect_uri);
  if (self->scope != NULL)
    append_param (out, "scope", self->scope);
  append_param (out, "state", self->state);
  append_param (out, "code_challenge", challenge);
  g_string_append (out, "&code_challenge_method=S256");
  return g_string_free (out, FALSE);
}

CsOAuth2Request *
cs_oauth2_request_new (const char *authorize_url,
                       const char *client_id,
                       const char *redirect_uri,
                       const char *scope,
                       GError    **error)
{
  CsOAuth2Request *self;

  g_return_val_if_fail (authorize_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  if (!check_authorize_url (authorize_url, error) || !check_redirect_uri (redirect_uri, error))
    return NULL;
  if (*client_id == '\0')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The client ID is empty."));
      return NULL;
    }

  self = g_object_new (CS_TYPE_OAUTH2_REQUEST, NULL);
  self->authorize_url = g_strdup (authorize_url);
  self->client_id = g_strdup (client_id);
  self->redirect_uri = g_strdup (redirect_uri);
  self->scope = scope != NULL && *scope != '\0' ? g_strdup (scope) : NULL;
  self->state = cs_oauth2_new_state ();
  self->verifier = cs_oauth2_new_code_verifier ();
  self->url = build_url (self);
  return self;
}

const char *
cs_oauth2_request_get_url (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  return self->url;
}

const char *
cs_oauth2_request_get_state (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  return self->state;
}

const char *
cs_oauth2_request_get_redirect_uri (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  return self->redirect_uri;
}

const char *
cs_oauth2_request_get_client_id (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  return self->client_id;
}

const char *
cs_oauth2_request_get_scope (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  return self->scope;
}

const char *
cs_oauth2_request_get_code_verifier (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  return self->verifier;
}

gboolean
cs_oauth2_request_get_used (CsOAuth2Request *self)
{
  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), FALSE);
  return self->used;
}

/* Equal strings, in time independent of where they differ. */
static gboolean
same_secret (const char *a,
             const char *b)
{
  gsize len = strlen (a);
  guint8 diff = 0;

  if (strlen (b) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

/* An address starts with a scheme: letters, digits, + - . and then ':'. */
static gboolean
is_address (const char *text)
{
  const char *p = text;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':';
}

static const char *
redirect_query (CsOAuth2Request *self,
                const char      *address,
                GError         **error)
{
  const char *query;
  gsize base_len;

  if (!is_address (address))
    return address;
  query = strchr (address, '?');
  base_len = query != NULL ? (gsize) (query - address) : strcspn (address, "#");
  /* RFC 6749 §3.1.2: the redirect goes to the redirect_uri sent, exactly. */
  if (base_len != strlen (self->redirect_uri) ||
      strncmp (address, self->redirect_uri, base_len) != 0)
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                   _("This address is not the redirect URI of this authorization (%s): nothing "
                     "was exchanged."), self->redirect_uri);
      return NULL;
    }
  return query != NULL ? query : "";
}

static char *
redirect_refused (CsOAuth2Request *self,
                  const char      *error_code,
                  const char      *description,
                  GError         **error)
{
  if (strcmp (error_code, "access_denied") == 0)
    {
      g_autoptr (GError) local = cs_oauth2_error_from_redirect (error_code, description);

      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED, local->message);
    }
  else
    g_propagate_error (error, cs_oauth2_error_from_redirect (error_code, description));
  return NULL;
}

char *
cs_oauth2_request_take_redirect (CsOAuth2Request *self,
                                 const char      *address_or_query,
                                 GError         **error)
{
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *description = NULL;
  const char *query;

  g_return_val_if_fail (CS_IS_OAUTH2_REQUEST (self), NULL);
  g_return_val_if_fail (address_or_query != NULL, NULL);

  if (self->used)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                           _("A second redirect came for an authorization that has ended: it "
                             "was ignored and nothing was exchanged."));
      return NULL;
    }
  query = redirect_query (self, address_or_query, error);
  if (query == NULL)
    return NULL;
  if (!cs_oauth2_parse_redirect_query (query, -1, &code, &state, &error_code, &description))
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                           _("The redirect's query is malformed: nothing was exchanged."));
      return NULL;
    }
  if (state == NULL || !same_secret (state, self->state))
    {
      cs_secret_free (g_steal_pointer (&code));
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                           state == NULL
                           ? _("The redirect has no state: it may not come from this "
                               "authorization, so nothing was exchanged. Authorize again.")
                           : _("The redirect's state is not this authorization's: it may come "
                               "from another attempt or another site, so nothing was "
                               "exchanged. Authorize again."));
      return NULL;
    }
  self->used = TRUE;
  if (error_code != NULL)
    {
      cs_secret_free (g_steal_pointer (&code));
      return redirect_refused (self, error_code, description, error);
    }
  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_CALLBACK,
                           _("The redirect has no authorization code: nothing was exchanged. "
                             "Authorize again."));
      return NULL;
    }
  return g_steal_pointer (&code);
}
