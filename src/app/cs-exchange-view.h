/* cs-exchange-view.h — a request to the provider that runs, or that the provider refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the wizard's steps 2 and 4 show until the token arrives: a spinner with what is being
 * asked, or "The Provider Refused the Request" with the provider's message and Retry. Retry
 * activates the `wizard.retry` action of the wizard around the view.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_EXCHANGE_VIEW (cs_exchange_view_get_type ())

G_DECLARE_FINAL_TYPE (CsExchangeView, cs_exchange_view, CS, EXCHANGE_VIEW, GtkWidget)

/* The spinner, with @text (NULL: the busy-text property). */
void cs_exchange_view_show_busy  (CsExchangeView *self,
                                  const char     *text);
/* The failure: a headline for the kind of @error (its CS_OAUTH_ERROR code: could not reach,
 * not a secure connection, refused, answer not understood), then its message. */
void cs_exchange_view_show_error (CsExchangeView *self,
                                  const GError   *error);
/* What the Retry button says (NULL: "Retry"), e.g. that it starts over. */
void cs_exchange_view_set_retry_label (CsExchangeView *self,
                                       const char     *label);

G_END_DECLS
