/* cs-credentials.h — a token response: every field the provider sent, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CS_TYPE_CREDENTIALS (cs_credentials_get_type ())

typedef struct _CsCredentials CsCredentials;

GType          cs_credentials_get_type           (void) G_GNUC_CONST;
/* Copies a list of CsParam (see cs-percent.h): (transfer none), the caller still frees
 * @params. Values are wiped when freed. */
CsCredentials *cs_credentials_new                (GPtrArray     *params);
CsCredentials *cs_credentials_ref                (CsCredentials *self);
void           cs_credentials_unref              (CsCredentials *self);

GPtrArray     *cs_credentials_get_params         (CsCredentials *self);
const char    *cs_credentials_get                (CsCredentials *self,
                                                  const char    *name);
const char    *cs_credentials_get_token          (CsCredentials *self);
const char    *cs_credentials_get_token_secret   (CsCredentials *self);
gboolean       cs_credentials_get_callback_confirmed (CsCredentials *self);
const char    *cs_credentials_get_user_id        (CsCredentials *self);
const char    *cs_credentials_get_screen_name    (CsCredentials *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCredentials, cs_credentials_unref)

G_END_DECLS
