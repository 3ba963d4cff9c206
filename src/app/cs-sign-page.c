/* cs-sign-page.c — "Sign a Request": one-legged signing and sending in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-clipboard.h"
#include "cs-compat.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-provider-error.h"
#include "cs-sign-page.h"
#include "cs-signed-request.h"

/* The most response text shown. */
#define MAX_SHOWN_BODY (64 * 1024)

struct _CsSignPage
{
  GtkWidget            parent_instance;

  AdwEntryRow         *consumer_key_row;
  AdwPasswordEntryRow *consumer_secret_row;
  AdwEntryRow         *token_row;
  AdwPasswordEntryRow *token_secret_row;
  AdwComboRow         *signature_method_row;
  AdwEntryRow         *key_file_row;
  AdwEntryRow         *realm_row;
  AdwComboRow         *http_method_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *body_row;
  AdwEntryRow         *content_type_row;
  GtkSwitch           *body_hash_switch;
  GtkLabel            *error_label;
  GtkWidget           *result_box;
  GtkLabel            *header_label;
  GtkLabel            *base_string_label;
  GtkLabel            *curl_label;
  GtkWidget           *response_box;
  GtkLabel            *status_label;
  GtkLabel            *diff_label;
  GtkLabel            *response_label;

  CsTransport         *transport;
  GCancellable        *cancellable;
  char                *header;
  char                *base_string;
  char                *curl;
};

G_DEFINE_FINAL_TYPE (CsSignPage, cs_sign_page, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the entries say, copied: the request borrows from here. */
typedef struct
{
  CsSignedRequest  request;
  char            *pem;
} Inputs;

static void
inputs_clear (Inputs *in)
{
  cs_secret_free (in->pem);
  in->pem = NULL;
}

static void
clear_results (CsSignPage *self)
{
  g_clear_pointer (&self->header, cs_secret_free);
  g_clear_pointer (&self->base_string, cs_secret_free);
  g_clear_pointer (&self->curl, cs_secret_free);
  gtk_label_set_text (self->header_label, "");
  gtk_label_set_text (self->base_string_label, "");
  gtk_label_set_text (self->curl_label, "");
  gtk_widget_set_visible (self->result_box, FALSE);
}

static void
show_error (CsSignPage *self,
            GtkWidget  *row,
            const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
clear_error (CsSignPage *self)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->consumer_key_row), GTK_WIDGET (self->url_row),
                        GTK_WIDGET (self->key_file_row), GTK_WIDGET (self->body_row),
                        GTK_WIDGET (self->content_type_row) };

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
}

static const char *
text_or_null (gpointer row)
{
  const char *text = cs_a11y_clear_text (GTK_WIDGET (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

/* The checks the user can act on, each naming its entry. */
static gboolean
check_inputs (CsSignPage *self,
              Inputs     *in)
{
  CsSignedRequest *r = &in->request;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (r->sign.consumer_key == NULL)
    {
      show_error (self, GTK_WIDGET (self->consumer_key_row),
                  _("Enter the consumer key: the provider’s developer settings show it."));
      return FALSE;
    }
  if (r->url == NULL)
    {
      show_error (self, GTK_WIDGET (self->url_row), _("Enter the URL of the request."));
      return FALSE;
    }
  if ((base = cs_base_string_uri (r->url, &error)) == NULL)
    {
      message = g_strdup_printf (_("The URL is not valid: %s"), error->message);
      show_error (self, GTK_WIDGET (self->url_row), message);
      return FALSE;
    }
  if (cs_signature_method_is_rsa (r->sign.method) && text_or_null (self->key_file_row) == NULL)
    {
      show_error (self, GTK_WIDGET (self->key_file_row),
                  _("RSA signing needs the private key file: enter its path."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_inputs (CsSignPage *self,
                Inputs     *in)
{
  CsSignedRequest *r = &in->request;
  const char *body = text_or_null (self->body_row);
  const char *type = text_or_null (self->content_type_row);
  GtkStringObject *method = adw_combo_row_get_selected_item (self->http_method_row);

  cs_signed_request_init (r);
  in->pem = NULL;
  r->sign.consumer_key = text_or_null (self->consumer_key_row);
  r->sign.consumer_secret = text_or_null (self->consumer_secret_row);
  r->sign.token = text_or_null (self->token_row);
  r->sign.token_secret = text_or_null (self->token_secret_row);
  r->sign.realm = text_or_null (self->realm_row);
  r->sign.method = (CsSignatureMethod) adw_combo_row_get_selected (self->signature_method_row);
  r->http_method = gtk_string_object_get_string (method);
  r->url = text_or_null (self->url_row);
  /* A form-encoded body is signed as parameters; any other is sent as it is. */
  if (body != NULL && type != NULL &&
      g_ascii_strncasecmp (type, "application/x-www-form-urlencoded", 33) == 0)
    r->form_body = body;
  else
    {
      r->body = body;
      r->content_type = type;
    }
  r->body_hash = gtk_switch_get_active (self->body_hash_switch);
  clear_error (self);
  return check_inputs (self, in);
}

/* Signs and shows the header, the base string and the curl command. */
static CsSignature *
sign_and_show (CsSignPage *self,
               Inputs     *in,
               const char *pem)
{
  g_autoptr(GError) error = NULL;
  CsSignature *sig;

  clear_results (self);
  if (!collect_inputs (self, in))
    return NULL;
  in->request.sign.private_key_pem = pem;
  sig = cs_signed_request_sign (&in->request, &error);
  if (sig == NULL)
    {
      GtkWidget *row = error->code == CS_OAUTH_ERROR_INVALID_URL ? GTK_WIDGET (self->url_row)
                     : error->code == CS_OAUTH_ERROR_KEY ? GTK_WIDGET (self->key_file_row)
                     : NULL;

      show_error (self, row, error->message);
      return NULL;
    }
  self->header = g_strdup (sig->header);
  self->base_string = g_strdup (sig->base_string);
  self->curl = cs_signed_request_curl (&in->request, sig);
  gtk_label_set_text (self->header_label, self->header);
  gtk_label_set_text (self->base_string_label, self->base_string);
  gtk_label_set_text (self->curl_label, self->curl);
  gtk_widget_set_visible (self->result_box, TRUE);
  return sig;
}

static void
set_busy (CsSignPage *self,
          gboolean    busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-page.send", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-page.sign", !busy);
}

static void
show_response (CsSignPage       *self,
               CsSignedResponse *response)
{
  gsize size;
  const char *data = g_bytes_get_data (response->body, &size);
  g_autofree char *text = g_utf8_make_valid (data != NULL ? data : "", MIN (size, MAX_SHOWN_BODY));
  g_autofree char *status = NULL;

  if (response->status >= 400)
    status = cs_provider_error_describe (response->status, data, size, response->content_type);
  else
    status = g_strdup_printf (_("HTTP %u %s"), response->status,
                              soup_status_get_phrase (response->status));
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->response_label, text);
  gtk_label_set_text (self->diff_label, response->diff ? response->diff : "");
  gtk_widget_set_visible (GTK_WIDGET (self->diff_label), response->diff != NULL);
  gtk_widget_set_visible (self->response_box, TRUE);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CsSignPage) self = user_data;
  g_autoptr(CsSignedResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cs_signed_request_send_finish (CS_TRANSPORT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (response == NULL)
    {
      show_error (self, error->code == CS_OAUTH_ERROR_INSECURE ||
                        error->code == CS_OAUTH_ERROR_INVALID_URL
                          ? GTK_WIDGET (self->url_row) : NULL, error->message);
      return;
    }
  show_response (self, response);
}

/* Signs what the entries say with @pem (for RSA), shows it, and sends it when @send. */
static void
run (CsSignPage *self,
     gboolean    send,
     char       *pem)
{
  g_autoptr(CsSignature) sig = NULL;
  Inputs in;

  sig = sign_and_show (self, &in, pem);
  in.pem = pem;
  in.request.sign.private_key_pem = pem;
  if (sig != NULL && send)
    {
      /* What is sent is what is shown: the same nonce and timestamp. */
      in.request.sign.nonce = sig->nonce;
      in.request.sign.timestamp = sig->timestamp;
      set_busy (self, TRUE);
      cs_signed_request_send_async (self->transport, &in.request, self->cancellable, sent_cb,
                                    g_object_ref (self));
    }
  inputs_clear (&in);
}

typedef struct
{
  CsSignPage *self;
  gboolean    send;
} KeyLoad;

static void
key_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  KeyLoad *load = user_data;
  g_autoptr(CsSignPage) self = load->self;
  gboolean send = load->send;
  g_autoptr(GError) error = NULL;
  char *pem = NULL;
  gsize len = 0;

  g_free (load);
  if (!g_file_load_contents_finish (G_FILE (source), result, &pem, &len, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      message = g_strdup_printf (_("The private key file cannot be read: %s"), error->message);
      show_error (self, GTK_WIDGET (self->key_file_row), message);
      return;
    }
  set_busy (self, FALSE);
  run (self, send, pem);
}

/* Sign and Send: an RSA key file is read first, off the main thread. */
static void
begin (CsSignPage *self,
       gboolean    send)
{
  g_autoptr(GFile) file = NULL;
  KeyLoad *load;
  Inputs in;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->response_box, FALSE);
  clear_results (self);
  if (!collect_inputs (self, &in))
    return;
  if (!cs_signature_method_is_rsa (in.request.sign.method))
    {
      run (self, send, NULL);
      return;
    }
  file = g_file_new_for_commandline_arg (text_or_null (self->key_file_row));
  load = g_new0 (KeyLoad, 1);
  load->self = g_object_ref (self);
  load->send = send;
  set_busy (self, TRUE);
  g_file_load_contents_async (file, self->cancellable, key_loaded_cb, load);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  begin (CS_SIGN_PAGE (widget), FALSE);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_return_if_fail (CS_SIGN_PAGE (widget)->transport != NULL);

  begin (CS_SIGN_PAGE (widget), TRUE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsSignPage *self = CS_SIGN_PAGE (widget);
  const char *what = g_variant_get_string (parameter, NULL);

  if (strcmp (what, "header") == 0 && self->header != NULL)
    cs_clipboard_copy (widget, self->header, TRUE, _("Authorization header copied"));
  else if (strcmp (what, "base-string") == 0 && self->base_string != NULL)
    cs_clipboard_copy (widget, self->base_string, TRUE, _("Base string copied"));
  else if (strcmp (what, "curl") == 0 && self->curl != NULL)
    cs_clipboard_copy (widget, self->curl, TRUE, _("Curl command copied"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
cs_sign_page_dispose (GObject *object)
{
  CsSignPage *self = CS_SIGN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->transport);
  g_clear_pointer (&self->header, cs_secret_free);
  g_clear_pointer (&self->base_string, cs_secret_free);
  g_clear_pointer (&self->curl, cs_secret_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_SIGN_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_sign_page_parent_class)->dispose (object);
}

static void
cs_sign_page_class_init (CsSignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_sign_page_dispose;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/countersign/Countersign/"
                                               "cs-sign-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, consumer_key_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, consumer_secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, token_secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, signature_method_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, key_file_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, realm_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, http_method_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, body_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, content_type_row);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, body_hash_switch);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, header_label);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, base_string_label);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, curl_label);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, response_box);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, diff_label);
  gtk_widget_class_bind_template_child (widget_class, CsSignPage, response_label);

  gtk_widget_class_install_action (widget_class, "sign-page.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "sign-page.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "sign-page.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "sign-page.back", NULL, back_action);
}

static void
cs_sign_page_init (CsSignPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_compat_name_entry_rows (GTK_WIDGET (self));
  /* A concealed secret reads as bullets over AT-SPI; cs_a11y_clear_text is its text. */
  cs_a11y_conceal_text (GTK_WIDGET (self->consumer_secret_row));
  cs_a11y_conceal_text (GTK_WIDGET (self->token_secret_row));
  cs_a11y_name_reveal_button (GTK_WIDGET (self->consumer_secret_row));
  cs_a11y_name_reveal_button (GTK_WIDGET (self->token_secret_row));
}

void
cs_sign_page_set_transport (CsSignPage  *self,
                            CsTransport *transport)
{
  g_return_if_fail (CS_IS_SIGN_PAGE (self));
  g_return_if_fail (CS_IS_TRANSPORT (transport));

  g_set_object (&self->transport, transport);
}

void
cs_sign_page_focus_first (CsSignPage *self)
{
  g_return_if_fail (CS_IS_SIGN_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->consumer_key_row));
}
