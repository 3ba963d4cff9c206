/* cs-verify-answer.h — whose tokens they are, from a provider's verify-credentials answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * Test Credentials makes one signed call to a provider's verify URL (Twitter's
 * account/verify_credentials, Flickr's flickr.test.login, Tumblr's user/info, …) and reads the
 * answer here. The answer is untrusted input: this is a pure parser (fuzzed), with no I/O.
 * Every body is read as JSON whatever its Content-Type says (providers send JSON as
 * text/plain or text/javascript); a body that is not JSON, or JSON of another shape, is a
 * success whose account is not known.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * cs_verify_answer_parse:
 * @body: the response body, any bytes
 * @status: the HTTP status
 * @error: set on a refusal
 *
 * Refusals are CS_OAUTH_ERROR_REJECTED: an HTTP status of 400 or more (the message quotes the
 * body), or a body that says the call failed although the status did not — Flickr's
 * "stat": "fail", Tumblr's meta.status, SmugMug's Code, Twitter's "errors" list or an "error"
 * member (not `false`) — quoted in the provider's own words.
 *
 * Returns: (transfer full) (nullable): the account, for the user to read: "@screen_name"
 * (Twitter v1.1, the demo) or "@username" (X API v2's {"data":{"id","name","username"}}),
 * else the user id, else the user name (Flickr, Tumblr, SmugMug, Trello, Discogs,
 * Confluence, Garmin's userId, Jira's name), else "an account (HTTP 200)"; NULL with
 * @error set on a refusal. Every
 * text returned or quoted is valid UTF-8 on one line, without control characters, at most
 * CS_PROVIDER_ERROR_MAX_TEXT characters of provider text.
 */
char *cs_verify_answer_parse (GBytes  *body,
                              guint    status,
                              GError **error);

/**
 * cs_verify_answer_account:
 *
 * Returns: (transfer full) (nullable): the account of an answer that
 * cs_verify_answer_parse() accepts, as the keyring keeps it: the screen name without "@",
 * else the user id or user name; NULL on a refusal or when the answer names no account.
 */
char *cs_verify_answer_account (GBytes  *body,
                                guint    status);

G_END_DECLS
