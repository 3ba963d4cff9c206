/* cs-demo-account.h — the demo provider's public credentials and its one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): values here may grow, not change.
 *
 * Public and documented: they only work against the demo provider. A leaf of src/demo: it
 * includes nothing, so every file of the provider (and cs-demo-provider.h, for the code
 * outside) can use it without an include cycle.
 */
#pragma once

#define CS_DEMO_CONSUMER_KEY    "countersign-demo-consumer"
#define CS_DEMO_CONSUMER_SECRET "countersign-demo-secret"
#define CS_DEMO_SCREEN_NAME     "demo_user"
#define CS_DEMO_USER_ID         "1000001"
/* The loopback port of the callback URL registered with the demo app (data/providers/demo.provider
 * names it as CallbackPort): http://127.0.0.1:8765/callback. */
#define CS_DEMO_CALLBACK_PORT   8765
