/* cs-wizard-private.h — what the wizard's files share: its state and its internal calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs-wizard.c is the widget (steps, busy state, public API), cs-wizard-actions.c the wizard.*
 * actions and their enabled states, cs-wizard-flow.c drives the CsAuthorization (src/flow)
 * that makes the requests, and shows what comes back. The pages
 * (cs-provider-page, cs-request-page, cs-authorize-page, cs-result-page) only show; they
 * reach the wizard through its actions.
 */
#pragma once

#include "cs-authorization.h"
#include "cs-authorize-page.h"
#include "cs-client-page.h"
#include "cs-oauth2-authorization.h"
#include "cs-oauth2-authorize-page.h"
#include "cs-oauth2-result-page.h"
#include "cs-provider-page.h"
#include "cs-provider-registry.h"
#include "cs-request-page.h"
#include "cs-result-page.h"
#include "cs-scopes-page.h"
#include "cs-wizard.h"

G_BEGIN_DECLS

#define CS_WIZARD_N_STEPS 4
/* OAuth 2.0: step 1, then client, scopes, authorize, tokens. */
#define CS_WIZARD_N_OAUTH2_STEPS 5
#define CS_WIZARD_N_PAGES 8

/* Pages, counted from 0 here (the step property counts from 1, in the protocol's own
 * numbering: an OAuth 2.0 flow's tokens are step 5). */
enum {
  CS_WIZARD_STEP_PROVIDER,
  CS_WIZARD_STEP_REQUEST,
  CS_WIZARD_STEP_AUTHORIZE,
  CS_WIZARD_STEP_ACCESS,
  CS_WIZARD_STEP_CLIENT,
  CS_WIZARD_STEP_SCOPES,
  CS_WIZARD_STEP_O2_AUTHORIZE,
  CS_WIZARD_STEP_TOKENS,
};

/* What runs now; the wizard is busy unless CS_WIZARD_OP_NONE. */
typedef enum
{
  CS_WIZARD_OP_NONE,
  CS_WIZARD_OP_REQUEST_TOKEN,
  CS_WIZARD_OP_WAIT_CALLBACK,
  CS_WIZARD_OP_ACCESS_TOKEN,
  CS_WIZARD_OP_SAVE,
  CS_WIZARD_OP_TEST,
  CS_WIZARD_OP_REFRESH,
  CS_WIZARD_OP_REVOKE,
} CsWizardOp;

struct _CsWizard
{
  GtkWidget           parent_instance;

  GtkScrolledWindow  *scroller;
  GtkLabel           *step_label;
  GtkLabel           *title_label;
  GtkLabel           *description_label;
  GtkStack           *pages;
  CsProviderPage     *provider_page;
  CsRequestPage      *request_page;
  CsAuthorizePage    *authorize_page;
  CsResultPage       *result_page;
  CsClientPage       *client_page;
  CsScopesPage       *scopes_page;
  CsOAuth2AuthorizePage *oauth2_authorize_page;
  CsOAuth2ResultPage *oauth2_result_page;
  GtkButton          *continue_button;
  GtkButton          *cancel_button;

  CsOAuthClient      *client;
  CsTokenStore       *store;
  CsProviderRegistry *registry;
  gulong              providers_changed_id;
  GCancellable       *cancellable;
  CsWizardOp          op;
  guint               step;

  /* The flow, made when step 1 is left; NULL before. */
  CsAuthorization    *authorization;
  CsCallbackMode      callback_mode;
  gboolean            store_enabled;
  /* A renewed request token goes on to step 3 (Back) rather than stay on step 2 (Retry). */
  gboolean            renew_then_authorize;

  /* OAuth 2.0 (cs-wizard-oauth2.c): whether its steps are the ones shown, the provider
   * they are for, the flow (made when the scopes are left), its token and saved id. */
  gboolean            oauth2;
  CsProvider         *oauth2_provider;
  CsProvider         *scopes_provider;  /* the provider the scopes page was filled for */
  CsOAuth2Authorization *oauth2_authorization;
  CsOAuth2Token      *oauth2_token;
  char               *oauth2_scope;
  char               *oauth2_saved_id;
  gboolean            oauth2_revoked;

  /* What runs once a Save chosen in the unsaved-token dialog worked (cs_wizard_leave). */
  CsWizardLeaveFunc   leave_func;
  gpointer            leave_data;
  GDestroyNotify      leave_destroy;
  /* The user copied or discarded the unsaved token: it is not asked about again. */
  gboolean            let_go;
};

/* cs-wizard.c */
gboolean       _cs_wizard_is_busy               (CsWizard       *self);
void           _cs_wizard_set_op                (CsWizard       *self,
                                                 CsWizardOp      op);
void           _cs_wizard_set_step              (CsWizard       *self,
                                                 guint           step);
/* "Step 2 of 5": again when step 1's protocol changes. */
void           _cs_wizard_show_step_number      (CsWizard       *self);
/* Cancels what runs; the next operation gets a fresh GCancellable. */
void           _cs_wizard_drop_cancellable      (CsWizard       *self);
/* Says @text under the step's title instead of its description, until the step changes. */
void           _cs_wizard_set_note              (CsWizard       *self,
                                                 const char     *text);
void           _cs_wizard_emit_finished         (CsWizard       *self);
void           _cs_wizard_emit_closed           (CsWizard       *self);
void           _cs_wizard_emit_provider_created (CsWizard       *self,
                                                 CsProvider     *provider);

/* Runs (and forgets) the pending leave_func; with @run FALSE only forgets it. */
void           _cs_wizard_finish_leave          (CsWizard       *self,
                                                 gboolean        run);

/* cs-wizard-actions.c */
void           _cs_wizard_class_actions_init    (GtkWidgetClass *widget_class);
/* Sets the enabled state of every wizard.* action, and the Continue button's label. */
void           _cs_wizard_update_actions        (CsWizard       *self);
/* Cancel, Escape: stops what runs and goes back to where it can start again. */
void           _cs_wizard_cancel                (CsWizard       *self);

/* cs-wizard-flow.c */
void           _cs_wizard_clear_flow            (CsWizard       *self);
void           _cs_wizard_start_request_token   (CsWizard       *self);
/* After the provider used the request token up: a new one, then step 2, or step 3 when
 * @then_authorize. */
void           _cs_wizard_renew_request_token   (CsWizard       *self,
                                                 gboolean        then_authorize);
void           _cs_wizard_show_authorize        (CsWizard       *self);
/* Hands what the PIN field holds to the flow, then asks for the access token. */
void           _cs_wizard_submit_verifier       (CsWizard       *self);
void           _cs_wizard_start_access_token    (CsWizard       *self);
void           _cs_wizard_start_save            (CsWizard       *self);
void           _cs_wizard_start_test            (CsWizard       *self);
/* What a cancelled operation leaves on screen. */
void           _cs_wizard_show_cancelled        (CsWizard       *self,
                                                 CsWizardOp      op);
/* NULL before step 1 is left or before the step's answer came. */
CsCredentials *_cs_wizard_get_request_token     (CsWizard       *self);
CsCredentials *_cs_wizard_get_access_token      (CsWizard       *self);
const char    *_cs_wizard_get_authorize_url     (CsWizard       *self);
CsProvider    *_cs_wizard_get_provider          (CsWizard       *self);

/* cs-wizard-oauth2.c */
void           _cs_wizard_oauth2_clear          (CsWizard       *self);
/* Step 1 left for OAuth 2.0: the client page for the provider chosen. */
void           _cs_wizard_oauth2_show_client    (CsWizard       *self);
void           _cs_wizard_oauth2_show_scopes    (CsWizard       *self);
/* A new authorization from the client and scopes pages: its link, and for loopback the wait. */
void           _cs_wizard_oauth2_begin          (CsWizard       *self);
/* The address the browser was sent to (pasted, or an app link). */
void           _cs_wizard_oauth2_submit         (CsWizard       *self,
                                                 const char     *address);
void           _cs_wizard_oauth2_save           (CsWizard       *self);
/* The Refresh/Revoke row and the actions, after a save or a change. */
void           _cs_wizard_oauth2_update_manage  (CsWizard       *self);
CsOAuth2Token *_cs_wizard_oauth2_get_token      (CsWizard       *self);
const char    *_cs_wizard_oauth2_get_authorize_url (CsWizard    *self);
gboolean       _cs_wizard_oauth2_owns_redirect  (CsWizard       *self,
                                                 const char     *address);

void           _cs_wizard_oauth2_show_cancelled (CsWizard       *self,
                                                 CsWizardOp      op);

/* cs-wizard-oauth2-manage.c */
void           _cs_wizard_oauth2_refresh        (CsWizard       *self);
void           _cs_wizard_oauth2_revoke         (CsWizard       *self);
void           _cs_wizard_oauth2_test           (CsWizard       *self);
/* The unsaved-token dialog's Copy and the exports: the access token as @format wants it. */
void           _cs_wizard_oauth2_export         (CsWizard       *self,
                                                 const char     *format);

G_END_DECLS
