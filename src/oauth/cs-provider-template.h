/* cs-provider-template.h — presets whose URLs depend on the user's server, and providers
 * that announced the end of OAuth 1.0a
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * A template provider (Jira, Confluence, Bitbucket Data Center, Adobe Commerce) writes its
 * URLs as "{base}/path": the wizard and `countersign-cli --base-url` ask for the server's
 * address first and work on the expanded copy. An end-of-life date ("EndOfLife=2026-12-31"
 * in the keyfile) and the page that announced it travel with the provider, expanded or not.
 */
#pragma once

#include "cs-provider-object.h"

G_BEGIN_DECLS

#define CS_PROVIDER_BASE_PLACEHOLDER "{base}"

/* Whether one of @self's URLs starts with "{base}". */
gboolean    cs_provider_is_template            (CsProvider  *self);
/* An example address for the base URL field ("https://jira.example.com"), or NULL. */
const char *cs_provider_get_base_url_example   (CsProvider  *self);
void        cs_provider_set_base_url_example   (CsProvider  *self,
                                                const char  *example);

/**
 * cs_provider_expand_template:
 * @base_url: the server's address, such as https://jira.example.com/jira
 * @allow_insecure_http: whether plain http to a host that is not loopback is allowed
 *
 * @base_url must be an endpoint URL (cs_endpoint_url_check: https unless loopback) without
 * a query or fragment; one trailing "/" is dropped.
 *
 * Returns: (transfer full) (nullable): a copy of @self (same id, name, method, flags and end
 * of life) whose URLs have "{base}" replaced, or NULL with @error set (CS_OAUTH_ERROR).
 */
CsProvider *cs_provider_expand_template        (CsProvider  *self,
                                                const char  *base_url,
                                                gboolean     allow_insecure_http,
                                                GError     **error);

/* The announced end of OAuth 1.0a, "YYYY-MM-DD", or NULL. */
const char *cs_provider_get_end_of_life        (CsProvider  *self);
/* The page that announced it, or NULL. */
const char *cs_provider_get_end_of_life_url    (CsProvider  *self);
void        cs_provider_set_end_of_life        (CsProvider  *self,
                                                const char  *date,
                                                const char  *url);
/* For the user: "OAuth 1.0a ends here on 2026-12-31 (announced at URL)" or "… ended …", or
 * NULL when @self announced no end. */
char       *cs_provider_describe_end_of_life   (CsProvider  *self);

G_END_DECLS
