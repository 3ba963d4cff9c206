/* cs-oauth2-scopes.c — what an OAuth 2.0 scope lets an app do, for the wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * X's scopes as its "OAuth 2.0 Authorization Code Flow with PKCE" page lists them
 * (https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code), in its
 * words made shorter; the demo provider uses X's names.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-oauth2-scopes.h"

typedef struct
{
  const char *scope;
  const char *description;
} Scope;

static const Scope x_scopes[] = {
  { "tweet.read", N_("Read posts, including those of protected accounts the user follows") },
  { "tweet.write", N_("Post and repost for the user") },
  { "tweet.moderate.write", N_("Hide and unhide replies to the user's posts") },
  { "users.email", N_("Read the email address of the user's account") },
  { "users.read", N_("Read profiles, including the user's own") },
  { "follows.read", N_("Read who the user follows and who follows them") },
  { "follows.write", N_("Follow and unfollow accounts for the user") },
  { "offline.access", N_("Stay connected: a refresh token, so that Countersign can get new "
                         "access tokens (they last two hours) without asking again") },
  { "space.read", N_("Read the Spaces the user can see") },
  { "mute.read", N_("Read the accounts the user has muted") },
  { "mute.write", N_("Mute and unmute accounts for the user") },
  { "like.read", N_("Read the user's likes and who liked their posts") },
  { "like.write", N_("Like and unlike posts for the user") },
  { "list.read", N_("Read lists the user can see, their members and followers") },
  { "list.write", N_("Create and manage lists for the user") },
  { "block.read", N_("Read the accounts the user has blocked") },
  { "block.write", N_("Block and unblock accounts for the user") },
  { "bookmark.read", N_("Read the user's bookmarks") },
  { "bookmark.write", N_("Add and remove bookmarks for the user") },
  { "dm.read", N_("Read the user's direct messages") },
  { "dm.write", N_("Send direct messages for the user") },
  { "media.write", N_("Upload media for the user") },
};

/* The scopes of the oauthlib test provider (tests/providers). */
static const Scope generic_scopes[] = {
  { "read", N_("Read the user's data") },
  { "write", N_("Change the user's data") },
  { "offline_access", N_("Stay connected: a refresh token, so that Countersign can get new "
                         "access tokens without asking again") },
};

static const char *
find (const Scope *table,
      gsize        n,
      const char  *scope)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (table[i].scope, scope) == 0)
      return _(table[i].description);
  return NULL;
}

const char *
cs_oauth2_scope_describe (const char *provider_id,
                          const char *scope)
{
  const char *found;

  if (scope == NULL)
    return NULL;
  if (g_strcmp0 (provider_id, "twitter") == 0 || g_strcmp0 (provider_id, "demo") == 0)
    return find (x_scopes, G_N_ELEMENTS (x_scopes), scope);
  found = find (generic_scopes, G_N_ELEMENTS (generic_scopes), scope);
  return found != NULL ? found : find (x_scopes, G_N_ELEMENTS (x_scopes), scope);
}
