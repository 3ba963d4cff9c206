#!/usr/bin/python3
# oauthlib_oauth2_provider.py — an independent OAuth 2.0 provider for Countersign's tests
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# python3-oauthlib's own OAuth 2.0 server classes (WebApplicationServer: authorization code,
# refresh, revocation, the bearer check; BackendApplicationServer: client credentials) behind
# the standard library's HTTP server on 127.0.0.1. Nothing here shares code with Countersign:
# oauthlib checks PKCE, the redirect URI and the client authentication itself, and the
# validator below is as strict as X's.
#
# Usage: /usr/bin/python3 oauthlib_oauth2_provider.py [--port N] [--redirect-uri URI]...
#            [--fault NAME]... [--expires-in SECONDS] [--code-lifetime SECONDS]
#   Prints "PORT\n" on stdout once it listens on 127.0.0.1 (an ephemeral port by default).
#   When $CS_ISSUED_SECRETS_FILE is set, every secret it issues or accepts (codes, code
#   verifiers, access and refresh tokens, client secrets) is appended to it, one a line, for
#   the secret scan (tests/secrets).
#
# Endpoints:  GET|POST /authorize   with ?auto=allow|deny: the 302 to the redirect at once (a
#                                   test's "browser"); without it a consent page whose Allow
#                                   and Deny buttons (ids "allow", "deny") POST back here
#             POST /token           authorization_code (PKCE S256 required), refresh_token
#                                   (rotating, single-use), client_credentials (confidential)
#             POST /revoke          RFC 7009, access and refresh tokens
#             GET  /me              bearer → {"data":{"id":…,"name":…,"username":"oauthlib_user"}}
#
# Clients:    public-client-0001                          public: client_id in the body
#             confidential-client-0001 / confidential-secret   HTTP Basic only
# Redirect URIs registered (matched exactly, as X does): http://127.0.0.1:8766/callback,
# io.github.countersign.countersign:/callback, and each --redirect-uri.
# Scopes: read write offline_access (default "read"); a refresh token only with offline_access.
# Codes live 30 s and work once (a reused code also revokes what it gave); access tokens 7200 s
# (--code-lifetime and --expires-in shorten them for the tests of expiry).
#
# Fault modes, for hostile cases: each --fault NAME for the whole run, or for one request a
# path prefix /fault/NAME/ (http://127.0.0.1:PORT/fault/html-token/token), a ?fault=NAME in the
# query, or an X-Countersign-Fault: NAME header. See FAULTS.

import argparse
import base64
import html
import http.server
import json
import os
import secrets
import select
import sys
import threading
import time
import urllib.parse

from oauthlib.oauth2 import (
    BackendApplicationServer, RequestValidator, WebApplicationServer,
)
from oauthlib.oauth2.rfc6749 import errors
from oauthlib.oauth2.rfc6749.grant_types import authorization_code

PUBLIC_CLIENT = "public-client-0001"
CONFIDENTIAL_CLIENT = "confidential-client-0001"
CONFIDENTIAL_SECRET = "confidential-secret"
CLIENTS = {
    PUBLIC_CLIENT: None,                       # public: no secret, PKCE
    CONFIDENTIAL_CLIENT: CONFIDENTIAL_SECRET,  # confidential: Basic
}
DEFAULT_REDIRECT_URIS = ["http://127.0.0.1:8766/callback",
                         "io.github.countersign.countersign:/callback"]
SCOPES = ("read", "write", "offline_access")
DEFAULT_SCOPES = ["read"]
CODE_LIFETIME = 30
USER = {"id": "4242", "name": "Oauthlib User", "username": "oauthlib_user"}

FAULTS = {
    "html-token": "the token endpoint answers an HTML page with 200",
    "empty-token": "the token endpoint answers 200 with an empty body",
    "no-token-type": "the token answer has no token_type",
    "bad-expires-in": "the token answer's expires_in is \"soon\"",
    "huge-token": "the token answer is 5 MiB (an access_token of 5 MiB)",
    "redirect-token": "the token endpoint answers 302 to another address",
    "hang-token": "the token endpoint reads the request and never answers",
    "state-mismatch": "authorize redirects with a code and another state",
    "no-code": "authorize redirects with the state but no code",
}
TOKEN_FAULTS = {"html-token", "empty-token", "no-token-type", "bad-expires-in", "huge-token",
                "redirect-token"}
HUGE_SIZE = 5 * 1024 * 1024


class Secrets:
    """Appends what the provider issues or accepts to $CS_ISSUED_SECRETS_FILE."""

    def __init__(self, path):
        self.path = path
        self.seen = set()
        self.lock = threading.Lock()

    def add(self, *values):
        if not self.path:
            return
        with self.lock:
            fresh = [v for v in values if v and v not in self.seen]
            if not fresh:
                return
            self.seen.update(fresh)
            with open(self.path, "a", encoding="utf-8") as f:
                for value in fresh:
                    f.write(value + "\n")


class State:
    def __init__(self, redirect_uris, expires_in, code_lifetime):
        self.redirect_uris = list(redirect_uris)
        self.expires_in = expires_in
        self.code_lifetime = code_lifetime
        self.codes = {}           # code → dict(client, redirect_uri, scopes, challenge, method, time, used, tokens)
        self.access = {}          # token → dict(client, scopes, expires, revoked, grant)
        self.refresh = {}         # token → dict(client, scopes, grant)
        self.grant_counter = 0
        self.secrets = Secrets(os.environ.get("CS_ISSUED_SECRETS_FILE"))


class Client:
    def __init__(self, client_id):
        self.client_id = client_id


def basic_credentials(request):
    """(id, secret) from an HTTP Basic header (RFC 6749 §2.3.1: both form-urlencoded), or None."""
    auth = (request.headers or {}).get("Authorization", "")
    if not auth.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ("", "")
    name, sep, secret = decoded.partition(":")
    if not sep:
        return ("", "")
    return (urllib.parse.unquote_plus(name), urllib.parse.unquote_plus(secret))


class Validator(RequestValidator):
    """Fixed clients, everything in memory, X's strictness."""

    def __init__(self, state):
        super().__init__()
        self.state = state

    # Clients and their authentication
    def validate_client_id(self, client_id, request, *args, **kwargs):
        return client_id in CLIENTS

    def client_authentication_required(self, request, *args, **kwargs):
        # A Basic header is always checked; a confidential client must send one.
        if basic_credentials(request) is not None:
            return True
        return CLIENTS.get(request.client_id) is not None

    def authenticate_client(self, request, *args, **kwargs):
        creds = basic_credentials(request)
        if creds is None:
            return False       # a confidential client without Basic (or a secret in the body)
        client_id, secret = creds
        expected = CLIENTS.get(client_id)
        # The secret, and the Basic credential that carries it (a logged header shows that).
        self.state.secrets.add(secret, request.headers["Authorization"][6:].strip())
        if expected is None or not secrets.compare_digest(secret, expected):
            return False       # unknown client, wrong secret, or a public client with Basic
        if request.client_id and request.client_id != client_id:
            return False
        request.client = Client(client_id)
        request.client_id = client_id
        return True

    def authenticate_client_id(self, client_id, request, *args, **kwargs):
        # Only a public client may name itself without a secret.
        if client_id not in CLIENTS or CLIENTS[client_id] is not None:
            return False
        if request.client_secret:
            return False       # no secrets in the body
        request.client = Client(client_id)
        return True

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        if grant_type == "client_credentials":
            return CLIENTS.get(client_id) is not None
        return grant_type in ("authorization_code", "refresh_token") and client_id in CLIENTS

    def validate_response_type(self, client_id, response_type, client, request, *args, **kwargs):
        return response_type == "code"

    # Redirect URIs: exactly one of the registered ones, always sent
    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        return redirect_uri in self.state.redirect_uris

    def get_default_redirect_uri(self, client_id, request, *args, **kwargs):
        return None

    # Scopes
    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        return bool(scopes) and all(s in SCOPES for s in scopes)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return list(DEFAULT_SCOPES)

    # PKCE: always, S256 only (the grant's method table below)
    def is_pkce_required(self, client_id, request):
        return True

    def get_code_challenge(self, code, request):
        entry = self.state.codes.get(code)
        return entry["challenge"] if entry else None

    def get_code_challenge_method(self, code, request):
        entry = self.state.codes.get(code)
        return entry["method"] if entry else None

    # Codes: 30 s, once
    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        self.state.codes[code["code"]] = {
            "client": client_id,
            "redirect_uri": request.redirect_uri,
            "scopes": list(request.scopes),
            "challenge": request.code_challenge,
            "method": request.code_challenge_method,
            "time": time.monotonic(),
            "used": False,
            "grant": None,
        }
        self.state.secrets.add(code["code"])

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        self.state.secrets.add(code, request.code_verifier)
        entry = self.state.codes.get(code)
        if entry is None or entry["client"] != client_id:
            return False
        if entry["used"]:
            # RFC 6749 §4.1.2: a code used twice revokes what it gave.
            self.revoke_grant(entry["grant"])
            return False
        if time.monotonic() - entry["time"] > self.state.code_lifetime:
            return False
        request.user = USER["username"]
        request.scopes = list(entry["scopes"])
        request.grant_id = self.new_grant_id()
        return True

    def confirm_redirect_uri(self, client_id, code, redirect_uri, client, request, *args, **kwargs):
        entry = self.state.codes.get(code)
        return entry is not None and redirect_uri == entry["redirect_uri"]

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        entry = self.state.codes.get(code)
        if entry is not None:
            entry["used"] = True
            entry["grant"] = getattr(request, "grant_id", None)

    # Tokens
    def new_grant_id(self):
        self.state.grant_counter += 1
        return self.state.grant_counter

    def revoke_grant(self, grant):
        if grant is None:
            return
        for table in (self.state.access, self.state.refresh):
            for token, entry in list(table.items()):
                if entry["grant"] == grant:
                    entry["revoked"] = True

    def save_bearer_token(self, token, request, *args, **kwargs):
        grant = getattr(request, "grant_id", None)
        if grant is None:
            grant = self.new_grant_id()
        if request.grant_type == "refresh_token":
            # Rotation: the old refresh token is spent, its successor keeps the grant.
            old = self.state.refresh.get(request.refresh_token)
            if old is not None:
                old["revoked"] = True
                grant = old["grant"]
        scopes = list(request.scopes or [])
        if "offline_access" not in scopes or request.grant_type == "client_credentials":
            token.pop("refresh_token", None)    # as X: a refresh token only for offline access
        client_id = request.client.client_id if request.client else request.client_id
        self.state.access[token["access_token"]] = {
            "client": client_id, "scopes": scopes, "grant": grant, "revoked": False,
            "expires": time.time() + int(token.get("expires_in") or 0),
            "app_only": request.grant_type == "client_credentials",
        }
        if "refresh_token" in token:
            self.state.refresh[token["refresh_token"]] = {
                "client": client_id, "scopes": scopes, "grant": grant, "revoked": False,
            }
        self.state.secrets.add(token["access_token"], token.get("refresh_token"))

    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        self.state.secrets.add(refresh_token)
        entry = self.state.refresh.get(refresh_token)
        if entry is None or entry["revoked"] or entry["client"] != client.client_id:
            return False
        request.user = USER["username"]
        return True

    def get_original_scopes(self, refresh_token, request, *args, **kwargs):
        entry = self.state.refresh.get(refresh_token)
        return list(entry["scopes"]) if entry else []

    def rotate_refresh_token(self, request):
        return True

    def validate_bearer_token(self, token, scopes, request):
        self.state.secrets.add(token)
        entry = self.state.access.get(token or "")
        if entry is None or entry["revoked"] or time.time() >= entry["expires"]:
            return False
        if not all(s in entry["scopes"] for s in scopes or []):
            return False
        request.user = None if entry["app_only"] else USER["username"]
        request.client_id = entry["client"]
        request.scopes = entry["scopes"]
        return True

    # Revocation (RFC 7009): a client revokes only its own tokens; unknown ones are fine.
    def revoke_token(self, token, token_type_hint, request, *args, **kwargs):
        self.state.secrets.add(token)
        client_id = request.client.client_id if request.client else request.client_id
        for table, is_refresh in ((self.state.refresh, True), (self.state.access, False)):
            entry = table.get(token)
            if entry is not None and entry["client"] == client_id:
                entry["revoked"] = True
                if is_refresh:
                    # §2.1: the access tokens of the same grant go with it.
                    self.revoke_grant(entry["grant"])


# S256 only: a request without code_challenge_method (which means "plain") or with "plain"
# is refused by oauthlib as an unsupported transform.
authorization_code.AuthorizationCodeGrant._code_challenge_methods = {
    "S256": authorization_code.code_challenge_method_s256,
}


def fake_token():
    return "fault-" + secrets.token_urlsafe(24)


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "oauthlib-oauth2-test-provider"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass  # the request lines hold codes and tokens: nothing is logged

    # Helpers
    def send(self, status, body=b"", content_type="text/plain; charset=utf-8", headers=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            if name.lower() not in ("content-type", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def send_oauthlib(self, headers, body, status):
        headers = dict(headers or {})
        content_type = headers.get("Content-Type", "application/json")
        if status in (301, 302, 303, 307) and "Location" in headers:
            self.send(status, "", "text/plain; charset=utf-8", headers)
            return
        self.send(status, body or "", content_type, headers)

    def base(self):
        return "http://%s" % (self.headers.get("Host") or
                              "127.0.0.1:%d" % self.server.server_address[1])

    def split_path(self):
        """(route, query, fault) with a /fault/NAME/ prefix taken off."""
        parts = urllib.parse.urlsplit(self.path)
        path, fault = parts.path, None
        if path.startswith("/fault/"):
            fault, _, rest = path[len("/fault/"):].partition("/")
            path = "/" + rest
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        fault = (fault or (query.get("fault") or [None])[0]
                 or self.headers.get("X-Countersign-Fault"))
        return path, parts.query, fault

    def faults(self, fault):
        active = set(self.server.faults)
        if fault:
            active.add(fault)
        return active

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8", "replace") if length else ""

    # Dispatch
    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def dispatch(self, method):
        path, query, fault = self.split_path()
        if fault and fault not in FAULTS:
            self.send(400, "unknown fault mode\n")
            return
        body = self.body() if method == "POST" else ""
        active = self.faults(fault)
        routes = {
            ("GET", "/authorize"): self.authorize,
            ("POST", "/authorize"): self.authorize,
            ("POST", "/token"): self.token,
            ("POST", "/revoke"): self.revoke,
            ("GET", "/me"): self.me,
            ("POST", "/elsewhere"): self.elsewhere,
            ("GET", "/elsewhere"): self.elsewhere,
        }
        handler = routes.get((method, path))
        if handler is None:
            self.send(404 if path not in {p for _, p in routes} else 405, "not found\n")
            return
        if path == "/token" and "hang-token" in active:
            self.hang()
            return
        if path == "/token" and active & TOKEN_FAULTS:
            self.token_fault(active)     # outside the lock: a 5 MiB answer may be slow to go
            return
        with self.server.lock:
            handler(method, query, body, active)

    def headers_dict(self):
        return {name: value for name, value in self.headers.items()}

    # The authorization endpoint
    def authorize(self, method, query, body, faults):
        server = self.server.web
        form = urllib.parse.parse_qsl(body, keep_blank_values=True) if method == "POST" else []
        action = next((v for k, v in form if k == "action"), None)
        # A POST may carry the request in its address (the consent page's form) or in its
        # body (a form with hidden fields): both are the same request.
        fields = [(k, v) for k, v in form if k != "action"]
        if fields:
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True) + fields
            query = urllib.parse.urlencode(pairs)
        params = urllib.parse.parse_qs(query)
        action = action or (params.get("auto") or [None])[0]
        uri = "%s/authorize?%s" % (self.base(), query)
        try:
            scopes, credentials = server.validate_authorization_request(uri, http_method="GET")
        except errors.FatalClientError as e:
            # A bad client or redirect_uri: never redirected (RFC 6749 §4.1.2.1).
            self.send(e.status_code, "<!DOCTYPE html><p id=\"error\">%s: %s</p>" % (
                html.escape(e.error), html.escape(e.description or "")),
                "text/html; charset=utf-8")
            return
        except errors.OAuth2Error as e:
            self.send(302, "", headers={"Location": e.in_uri(e.redirect_uri)})
            return
        if action is None:
            self.consent_page(query, credentials, scopes)
            return
        redirect_uri = credentials["redirect_uri"]
        state = credentials.get("state")
        if action != "allow":
            error = errors.AccessDeniedError(state=state, description="The user refused.")
            self.send(302, "", headers={"Location": error.in_uri(redirect_uri)})
            return
        credentials = dict(credentials)
        credentials.pop("request", None)
        headers, out, status = server.create_authorization_response(
            uri, http_method="GET", scopes=scopes, credentials=credentials)
        location = headers.get("Location")
        if status == 302 and location and ("state-mismatch" in faults or "no-code" in faults):
            location = self.faulty_location(location, faults)
            headers = dict(headers, Location=location)
        self.send_oauthlib(headers, out, status)

    @staticmethod
    def faulty_location(location, faults):
        parts = urllib.parse.urlsplit(location)
        pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if "no-code" in faults:
            pairs = [(k, v) for k, v in pairs if k != "code"]
        if "state-mismatch" in faults:
            pairs = [(k, v) for k, v in pairs if k != "state"] + [
                ("state", "another-" + secrets.token_urlsafe(16))]
        return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(pairs)))

    def consent_page(self, query, credentials, scopes):
        items = "".join("<li>%s</li>" % html.escape(s) for s in scopes)
        page = ("<!DOCTYPE html><html><head><title>Authorize</title></head><body>"
                "<h1>Authorize <span id=\"client\">%s</span>?</h1><ul id=\"scopes\">%s</ul>"
                "<form method=\"post\" action=\"%s?%s\">"
                "<button id=\"allow\" name=\"action\" value=\"allow\">Allow</button>"
                "<button id=\"deny\" name=\"action\" value=\"deny\">Deny</button>"
                "</form></body></html>") % (html.escape(credentials["client_id"]), items,
                                            html.escape(urllib.parse.urlsplit(self.path).path),
                                            html.escape(query, quote=True))
        self.send(200, page, "text/html; charset=utf-8")

    # The token endpoint
    def token(self, method, query, body, faults):
        form = urllib.parse.parse_qs(body)
        self.server.state.secrets.add(*(form.get("client_secret") or []),
                                      *(form.get("code_verifier") or []))
        grant_type = (form.get("grant_type") or [""])[0]
        server = self.server.backend if grant_type == "client_credentials" else self.server.web
        uri = "%s/token" % self.base()
        headers, out, status = server.create_token_response(
            uri, http_method="POST", body=body, headers=self.headers_dict())
        self.send_oauthlib(headers, out, status)

    def token_fault(self, faults):
        if "html-token" in faults:
            self.send(200, "<!DOCTYPE html><html><body><h1>Welcome!</h1>"
                      "<p>Please sign in.</p></body></html>", "text/html; charset=utf-8")
        elif "empty-token" in faults:
            self.send(200, "", "application/json")
        elif "redirect-token" in faults:
            self.send(302, "", headers={"Location": self.base() + "/elsewhere"})
        elif "huge-token" in faults:
            self.send(200, '{"access_token":"' + "A" * HUGE_SIZE + '","token_type":"bearer"}',
                      "application/json")
        else:
            token = fake_token()
            self.server.state.secrets.add(token)
            answer = {"access_token": token, "token_type": "bearer", "expires_in": 7200}
            if "no-token-type" in faults:
                del answer["token_type"]
            if "bad-expires-in" in faults:
                answer["expires_in"] = "soon"
            self.send(200, json.dumps(answer), "application/json")

    def elsewhere(self, method, query, body, faults):
        # Where redirect-token points: a token a client must never have followed to.
        token = fake_token()
        self.server.state.secrets.add(token)
        self.send(200, json.dumps({"access_token": token, "token_type": "bearer",
                                   "expires_in": 7200, "followed_redirect": True}),
                  "application/json")

    def hang(self):
        # Reads nothing more and answers nothing, until the client gives up (or 10 minutes).
        deadline = time.monotonic() + 600
        sock = self.connection
        while time.monotonic() < deadline:
            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable:
                try:
                    if not sock.recv(4096):
                        break
                except OSError:
                    break
        self.close_connection = True

    # Revocation, the protected resource
    def revoke(self, method, query, body, faults):
        form = urllib.parse.parse_qs(body)
        self.server.state.secrets.add(*(form.get("client_secret") or []))
        uri = "%s/revoke" % self.base()
        headers, out, status = self.server.web.create_revocation_response(
            uri, http_method="POST", body=body, headers=self.headers_dict())
        self.send_oauthlib(headers, out, status)

    def me(self, method, query, body, faults):
        uri = "%s/me" % self.base()
        valid, request = self.server.web.verify_request(
            uri, http_method="GET", headers=self.headers_dict(), scopes=[])
        if not valid:
            self.send(401, json.dumps({"error": "invalid_token",
                                       "error_description": "The access token is not valid."}),
                      "application/json", {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            return
        if request.user is None:
            # An app-only bearer has no user, as on X.
            self.send(403, json.dumps({"error": "unsupported_authentication",
                                       "error_description": "An app-only token has no user."}),
                      "application/json")
            return
        self.send(200, json.dumps({"data": USER}), "application/json")


class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True


def parse_args(argv):
    parser = argparse.ArgumentParser(description="An OAuth 2.0 provider on python3-oauthlib")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--fault", action="append", default=[], choices=sorted(FAULTS))
    parser.add_argument("--expires-in", type=int, default=7200)
    parser.add_argument("--code-lifetime", type=float, default=CODE_LIFETIME)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    state = State(DEFAULT_REDIRECT_URIS + args.redirect_uri, args.expires_in,
                  args.code_lifetime)
    validator = Validator(state)
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = state
    server.faults = list(args.fault)
    server.lock = threading.Lock()
    server.web = WebApplicationServer(validator, token_expires_in=args.expires_in)
    server.backend = BackendApplicationServer(validator, token_expires_in=args.expires_in)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
