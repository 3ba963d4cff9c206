#!/usr/bin/python3
# oauthlib_provider.py — an independent OAuth 1.0a provider for Countersign's tests
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# python3-oauthlib's endpoints (RequestToken, Authorization, AccessToken, Resource) behind
# the standard library's HTTP server on 127.0.0.1. Countersign's signer never touches the
# verification here: oauthlib recomputes every signature itself.
#
# Usage: /usr/bin/python3 oauthlib_provider.py   → prints "PORT\n" once it listens.
#
# Endpoints:  POST /request_token   GET|POST /authorize   POST /access_token
#             GET|POST /resource    (echoes the request parameters it verified, as JSON)
#             GET|POST|PUT /one-legged  (the same for a token the user already has, as
#                           NetSuite, WooCommerce or Mastercard hand out: also echoes the
#                           realm and checks oauth_body_hash against the raw body, with the
#                           hash of the signature method's family)
#
# Fixed test clients (key → secret, the one signature method each may use):
#   sha1-client-key-0001   / sha1-secret     HMAC-SHA1
#   sha256-client-key-0001 / sha256-secret   HMAC-SHA256
#   plain-client-key-00001 / plain-secret    PLAINTEXT
#   sha512-client-key-0001 / sha512-secret   HMAC-SHA512
#   rsa256-client-key-0001 (tests/data/rsa-wiki-testcases.pem)   RSA-SHA256
# A fixed access token every client may use, as if made in the provider's settings:
#   fixed-access-token-0001 / fixed-access-secret

import base64
import hashlib
import html
import http.server
import json
import os
import string
import sys
import urllib.parse

from oauthlib.oauth1 import (
    AccessTokenEndpoint, AuthorizationEndpoint, RequestTokenEndpoint, RequestValidator,
    ResourceEndpoint, SIGNATURE_HMAC_SHA1, SIGNATURE_HMAC_SHA256, SIGNATURE_PLAINTEXT,
    SIGNATURE_HMAC_SHA512, SIGNATURE_RSA_SHA256,
)
from oauthlib.oauth1.rfc5849 import errors

CLIENTS = {
    "sha1-client-key-0001": ("sha1-secret", SIGNATURE_HMAC_SHA1),
    "sha256-client-key-0001": ("sha256-secret", SIGNATURE_HMAC_SHA256),
    "plain-client-key-00001": ("plain-secret", SIGNATURE_PLAINTEXT),
    "sha512-client-key-0001": ("sha512-secret", SIGNATURE_HMAC_SHA512),
    "rsa256-client-key-0001": ("", SIGNATURE_RSA_SHA256),
}
FIXED_ACCESS_TOKEN = ("fixed-access-token-0001", "fixed-access-secret")
RSA_KEY_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                            "rsa-wiki-testcases.pem")


def rsa_public_key():
    from cryptography.hazmat.primitives import serialization
    with open(RSA_KEY_FILE, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo
                                         ).decode("ascii")
USER = {"id_str": "4242", "screen_name": "oauthlib_user", "name": "Oauthlib User"}


class State:
    def __init__(self):
        self.request_tokens = {}   # token → dict(client, secret, callback, verifier)
        self.access_tokens = {}    # token → dict(client, secret)
        self.nonces = set()


class Validator(RequestValidator):
    """Fixed clients, tokens in memory. Lengths and characters widened so that
    Countersign's 32-character nonces and any printable key pass the format checks."""

    def __init__(self, state):
        super().__init__()
        self.state = state

    allowed_signature_methods = (SIGNATURE_HMAC_SHA1, SIGNATURE_HMAC_SHA256,
                                 SIGNATURE_PLAINTEXT, SIGNATURE_HMAC_SHA512,
                                 SIGNATURE_RSA_SHA256)
    safe_characters = set(string.ascii_letters + string.digits + "-_")
    client_key_length = (8, 64)
    request_token_length = (16, 64)
    access_token_length = (16, 64)
    nonce_length = (8, 64)
    verifier_length = (16, 64)
    enforce_ssl = False         # loopback only
    realms = []

    dummy_client = "dummy-client-key-0000"
    dummy_request_token = "dummy-request-token-0000"
    dummy_access_token = "dummy-access-token-0000"

    def get_client_secret(self, client_key, request):
        return CLIENTS.get(client_key, ("dummy-secret", None))[0]

    def get_rsa_key(self, client_key, request):
        return rsa_public_key()

    def validate_client_key(self, client_key, request):
        # Each test client signs with exactly one method, so a test proves which one was used.
        entry = CLIENTS.get(client_key)
        return entry is not None and entry[1] == request.signature_method

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        key = (client_key, timestamp, nonce, request_token or access_token)
        if key in self.state.nonces:
            return False
        self.state.nonces.add(key)
        return True

    def get_default_realms(self, client_key, request):
        return []

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        if redirect_uri == "oob":
            return True
        parsed = urllib.parse.urlsplit(redirect_uri or "")
        return parsed.scheme in ("http", "https") and bool(parsed.hostname)

    def save_request_token(self, token, request):
        self.state.request_tokens[token["oauth_token"]] = {
            "client": request.client_key,
            "secret": token["oauth_token_secret"],
            "callback": request.redirect_uri,
            "verifier": None,
        }

    # The authorization step
    def verify_request_token(self, token, request):
        return token in self.state.request_tokens

    def get_realms(self, token, request):
        return []

    def verify_realms(self, token, realms, request):
        return True

    def save_verifier(self, token, verifier, request):
        self.state.request_tokens[token]["verifier"] = verifier["oauth_verifier"]

    def get_redirect_uri(self, token, request):
        return self.state.request_tokens[token]["callback"]

    # The access token step
    def validate_request_token(self, client_key, token, request):
        entry = self.state.request_tokens.get(token)
        return entry is not None and entry["client"] == client_key

    def get_request_token_secret(self, client_key, token, request):
        entry = self.state.request_tokens.get(token)
        return entry["secret"] if entry else "dummy-request-secret"

    def validate_verifier(self, client_key, token, verifier, request):
        entry = self.state.request_tokens.get(token)
        return (entry is not None and entry["verifier"] is not None
                and entry["verifier"] == verifier)

    def invalidate_request_token(self, client_key, request_token, request):
        self.state.request_tokens.pop(request_token, None)

    def save_access_token(self, token, request):
        self.state.access_tokens[token["oauth_token"]] = {
            "client": request.client_key,
            "secret": token["oauth_token_secret"],
        }

    # Protected resources
    def validate_access_token(self, client_key, token, request):
        if token == FIXED_ACCESS_TOKEN[0]:
            return client_key in CLIENTS
        entry = self.state.access_tokens.get(token)
        return entry is not None and entry["client"] == client_key

    def get_access_token_secret(self, client_key, token, request):
        if token == FIXED_ACCESS_TOKEN[0]:
            return FIXED_ACCESS_TOKEN[1]
        entry = self.state.access_tokens.get(token)
        return entry["secret"] if entry else "dummy-access-secret"

    def validate_realms(self, client_key, token, request, uri=None, realms=None):
        return True


def problem_from_log(request):
    """The OAuth Problem Reporting name of the first check that failed."""
    log = getattr(request, "validator_log", {}) if request is not None else {}
    for check, problem in (("client", "consumer_key_rejected"),
                           ("resource_owner", "token_rejected"),
                           ("verifier", "verifier_invalid"),
                           ("signature", "signature_invalid")):
        if log.get(check) is False:
            return problem
    return "nonce_used"


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "oauthlib-test-provider"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass  # keep the test output clean; nothing secret is logged either way

    # Helpers
    def full_uri(self):
        return "http://%s%s" % (self.headers.get("Host", "127.0.0.1"), self.path)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8") if length else ""

    def send(self, status, body=b"", content_type="text/plain; charset=utf-8", headers=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_endpoint_result(self, headers, body, status, request):
        """oauthlib answers a failed check with 401 and no body; say which check failed."""
        headers = dict(headers or {})
        content_type = headers.pop("Content-Type", "application/x-www-form-urlencoded")
        if status >= 400 and not body:
            body = "oauth_problem=" + problem_from_log(request)
        self.send(status, body or "", content_type, headers)

    def oauth_headers(self):
        return {name: value for name, value in self.headers.items()}

    # Dispatch
    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def dispatch(self, method):
        path = urllib.parse.urlsplit(self.path).path
        body = self.body() if method in ("POST", "PUT") else ""
        routes = {
            "/request_token": self.request_token,
            "/authorize": self.authorize,
            "/access_token": self.access_token,
            "/resource": self.resource,
            "/one-legged": self.one_legged,
        }
        handler = routes.get(path)
        if handler is None:
            self.send(404, "not found\n")
            return
        try:
            handler(method, body)
        except errors.OAuth1Error as e:
            self.send(e.status_code, e.urlencoded, "application/x-www-form-urlencoded")

    def request_token(self, method, body):
        endpoint = self.server.endpoints["request"]
        headers, out, status = endpoint.create_request_token_response(
            self.full_uri(), http_method=method, body=body, headers=self.oauth_headers())
        self.send_endpoint_result(headers, out, status, endpoint.last_request)

    def authorize(self, method, body):
        endpoint = self.server.endpoints["authorize"]
        if method == "GET":
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            token = (query.get("oauth_token") or [""])[0]
            if token not in self.server.state.request_tokens:
                self.send(400, "<p>Unknown request token.</p>", "text/html; charset=utf-8")
                return
            page = ("<!DOCTYPE html><html><body><h1>Authorize?</h1>"
                    "<form method=\"post\" action=\"/authorize\">"
                    "<input type=\"hidden\" name=\"oauth_token\" value=\"%s\">"
                    "<button name=\"action\" value=\"allow\">Allow</button>"
                    "<button name=\"action\" value=\"deny\">Deny</button>"
                    "</form></body></html>") % html.escape(token)
            self.send(200, page, "text/html; charset=utf-8")
            return
        form = urllib.parse.parse_qs(body)
        token = (form.get("oauth_token") or [""])[0]
        if (form.get("action") or [""])[0] != "allow":
            self.send(403, "<p id=\"denied\">Access refused.</p>", "text/html; charset=utf-8")
            return
        uri = "http://%s/authorize?%s" % (self.headers.get("Host"),
                                          urllib.parse.urlencode({"oauth_token": token}))
        headers, out, status = endpoint.create_authorization_response(uri, http_method="GET")
        if status == 200:  # oob: show the verifier as a PIN
            verifier = urllib.parse.parse_qs(out)["oauth_verifier"][0]
            self.send(200, "<p>PIN: <code id=\"pin\">%s</code></p>" % html.escape(verifier),
                      "text/html; charset=utf-8")
        else:
            self.send(status, "", "text/plain", headers)

    def access_token(self, method, body):
        endpoint = self.server.endpoints["access"]
        headers, out, status = endpoint.create_access_token_response(
            self.full_uri(), http_method=method, body=body, headers=self.oauth_headers(),
            credentials={"user_id": USER["id_str"], "screen_name": USER["screen_name"]})
        self.send_endpoint_result(headers, out, status, endpoint.last_request)

    def resource(self, method, body):
        endpoint = self.server.endpoints["resource"]
        valid, request = endpoint.validate_protected_resource_request(
            self.full_uri(), http_method=method, body=body, headers=self.oauth_headers(),
            realms=[])
        if not valid:
            self.send(401, "oauth_problem=" + problem_from_log(request),
                      "application/x-www-form-urlencoded")
            return
        query = urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query,
                                       keep_blank_values=True)
        form = urllib.parse.parse_qsl(body, keep_blank_values=True) if body else []
        reply = dict(USER, method=method, query=[list(p) for p in query],
                     form=[list(p) for p in form],
                     signature_method=request.signature_method)
        self.send(200, json.dumps(reply, ensure_ascii=False, sort_keys=True),
                  "application/json; charset=utf-8")


    def one_legged(self, method, body):
        endpoint = self.server.endpoints["resource"]
        form_body = "application/x-www-form-urlencoded" in (self.headers.get("Content-Type")
                                                            or "")
        valid, request = endpoint.validate_protected_resource_request(
            self.full_uri(), http_method=method, body=body if form_body else None,
            headers=self.oauth_headers(), realms=[])
        if not valid:
            self.send(401, "oauth_problem=" + problem_from_log(request),
                      "application/x-www-form-urlencoded")
            return
        params = dict(request.oauth_params)
        hash_ok = None
        if "oauth_body_hash" in params:
            family = {"HMAC-SHA256": hashlib.sha256, "RSA-SHA256": hashlib.sha256,
                      "HMAC-SHA512": hashlib.sha512}.get(request.signature_method,
                                                          hashlib.sha1)
            expected = base64.b64encode(family(body.encode("utf-8")).digest()).decode()
            hash_ok = params["oauth_body_hash"] == expected
            if not hash_ok:
                self.send(401, "oauth_problem=body_hash_invalid",
                          "application/x-www-form-urlencoded")
                return
        reply = dict(method=method, signature_method=request.signature_method,
                     realm=request.realm, body_hash_ok=hash_ok,
                     content_type=self.headers.get("Content-Type"),
                     body=None if form_body else body)
        self.send(200, json.dumps(reply, ensure_ascii=False, sort_keys=True),
                  "application/json; charset=utf-8")


class RecordingRequestTokenEndpoint(RequestTokenEndpoint):
    """Keeps the last validated request, whose validator_log says which check failed."""
    last_request = None

    def validate_request_token_request(self, request):
        self.last_request = request
        return super().validate_request_token_request(request)


class RecordingAccessTokenEndpoint(AccessTokenEndpoint):
    last_request = None

    def validate_access_token_request(self, request):
        self.last_request = request
        return super().validate_access_token_request(request)


# One request at a time (HTTP/1.0, no keep-alive): the state needs no locking and the
# recorded requests above stay the current request's.
class Server(http.server.HTTPServer):
    allow_reuse_address = True


def main():
    state = State()
    validator = Validator(state)
    server = Server(("127.0.0.1", 0), Handler)
    server.state = state
    server.endpoints = {
        "request": RecordingRequestTokenEndpoint(validator),
        "authorize": AuthorizationEndpoint(validator),
        "access": RecordingAccessTokenEndpoint(validator),
        "resource": ResourceEndpoint(validator),
    }
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
