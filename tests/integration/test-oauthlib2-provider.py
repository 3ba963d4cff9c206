#!/usr/bin/python3
# test-oauthlib2-provider.py — the OAuth 2.0 test provider itself is as strict as it claims
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Drives tests/providers/oauthlib_oauth2_provider.py with the standard library only (no
# Countersign code), so that the tests which use it against Countersign prove something:
# PKCE required, S256 only, a wrong verifier, a reused code and a different redirect_uri
# refused, refresh tokens rotating and single-use, revocation, client credentials, the
# public/confidential mix-ups, and each fault mode. TAP on stdout.

import base64
import ctypes
import hashlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "providers", "oauthlib_oauth2_provider.py")
PUBLIC = "public-client-0001"
CONFIDENTIAL = "confidential-client-0001"
SECRET = "confidential-secret"
REDIRECT = "http://127.0.0.1:8766/callback"
APP_LINK = "io.github.countersign.countersign:/callback"
EXTRA = "http://127.0.0.1:40123/callback"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def location_query(self):
        location = self.headers.get("Location") or ""
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def http(method, url, form=None, headers=None, timeout=10):
    data = urllib.parse.urlencode(form).encode("ascii") if form is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with OPENER.open(req, timeout=timeout) as resp:
            return Answer(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as e:
        return Answer(e.code, e.headers, e.read())


def basic(client_id, secret):
    raw = "%s:%s" % (urllib.parse.quote_plus(client_id), urllib.parse.quote_plus(secret))
    return {"Authorization": "Basic " + base64.b64encode(raw.encode()).decode()}


def pkce():
    verifier = secrets.token_urlsafe(48)[:64]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.decode().rstrip("=")


def die_with_parent():
    # PR_SET_PDEATHSIG, SIGKILL: a provider never outlives this test, even killed.
    ctypes.CDLL(None, use_errno=True).prctl(1, 9)


class Provider:
    def __init__(self, *args):
        self.secrets_file = tempfile.NamedTemporaryFile("r", prefix="issued-", delete=False)
        env = dict(os.environ, CS_ISSUED_SECRETS_FILE=self.secrets_file.name)
        self.proc = subprocess.Popen(
            [sys.executable, SCRIPT, "--redirect-uri", EXTRA, *args],
            stdout=subprocess.PIPE, env=env, text=True, preexec_fn=die_with_parent)
        port = self.proc.stdout.readline().strip()
        assert port.isdigit(), "the provider did not print its port"
        self.port = int(port)
        self.base = "http://127.0.0.1:%d" % self.port

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()
        self.secrets_file.close()
        os.unlink(self.secrets_file.name)

    def issued(self):
        with open(self.secrets_file.name, encoding="utf-8") as f:
            return set(line.rstrip("\n") for line in f)

    # One flow's steps
    def authorize(self, client=PUBLIC, redirect_uri=REDIRECT, challenge=None, method="S256",
                  scope="read offline_access", state="st-1", auto="allow", prefix="",
                  extra=None):
        params = {"response_type": "code", "client_id": client, "redirect_uri": redirect_uri,
                  "scope": scope, "state": state}
        if challenge is not None:
            params["code_challenge"] = challenge
            if method is not None:
                params["code_challenge_method"] = method
        if auto is not None:
            params["auto"] = auto
        params.update(extra or {})
        return http("GET", "%s%s/authorize?%s" % (self.base, prefix,
                                                   urllib.parse.urlencode(params)))

    def code(self, client=PUBLIC, redirect_uri=REDIRECT, scope="read offline_access"):
        verifier, challenge = pkce()
        answer = self.authorize(client, redirect_uri, challenge, scope=scope)
        assert answer.status == 302, answer.status
        query = answer.location_query()
        assert query.get("state") == "st-1"
        assert query.get("code"), query.get("error")
        return query["code"], verifier

    def token(self, form, client=PUBLIC, secret=None, prefix="", timeout=10):
        form = dict(form)
        headers = {}
        if secret is not None:
            headers = basic(client, secret)
        else:
            form["client_id"] = client
        return http("POST", "%s%s/token" % (self.base, prefix), form, headers, timeout)

    def exchange(self, code, verifier, client=PUBLIC, secret=None, redirect_uri=REDIRECT):
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        if verifier is not None:
            form["code_verifier"] = verifier
        return self.token(form, client, secret)

    def pair(self, client=PUBLIC, secret=None):
        code, verifier = self.code(client)
        answer = self.exchange(code, verifier, client, secret)
        assert answer.status == 200, answer.body
        return answer.json()

    def me(self, token):
        return http("GET", self.base + "/me", headers={"Authorization": "Bearer " + token})


def error_of(answer):
    try:
        return answer.json().get("error")
    except ValueError:
        return None


# The tests ------------------------------------------------------------------------------

def test_code_flow_public(p):
    code, verifier = p.code()
    answer = p.exchange(code, verifier)
    assert answer.status == 200, answer.body
    token = answer.json()
    assert token["token_type"].lower() == "bearer"
    assert token["expires_in"] == 7200
    assert token["scope"] == "read offline_access"
    assert token["refresh_token"] and token["access_token"]
    me = p.me(token["access_token"])
    assert me.status == 200 and me.json() == {"data": {"id": "4242", "name": "Oauthlib User",
                                                       "username": "oauthlib_user"}}
    issued = p.issued()
    for value in (code, verifier, token["access_token"], token["refresh_token"]):
        assert value in issued, "a secret is missing from $CS_ISSUED_SECRETS_FILE"


def test_code_flow_confidential(p):
    token = p.pair(CONFIDENTIAL, SECRET)
    assert p.me(token["access_token"]).status == 200
    assert SECRET in p.issued()


def test_no_refresh_token_without_offline_access(p):
    code, verifier = p.code(scope="read")
    token = p.exchange(code, verifier).json()
    assert "refresh_token" not in token and token["scope"] == "read"


def test_pkce_required(p):
    answer = p.authorize(challenge=None)
    assert answer.status == 302
    query = answer.location_query()
    assert query.get("error") == "invalid_request" and "code" not in query, query
    assert query.get("state") == "st-1"


def test_pkce_plain_refused(p):
    verifier, _ = pkce()
    for method in ("plain", None):   # no method means plain (RFC 7636 §4.3)
        query = p.authorize(challenge=verifier, method=method).location_query()
        assert query.get("error") == "invalid_request" and "code" not in query, query


def test_wrong_verifier(p):
    code, verifier = p.code()
    other, _ = pkce()
    answer = p.exchange(code, other)
    assert answer.status == 400 and error_of(answer) == "invalid_grant", answer.body
    answer = p.exchange(code, None)
    assert answer.status == 400 and error_of(answer) == "invalid_request", answer.body


def test_code_reused(p):
    code, verifier = p.code()
    first = p.exchange(code, verifier)
    assert first.status == 200
    again = p.exchange(code, verifier)
    assert again.status == 400 and error_of(again) == "invalid_grant", again.body
    # RFC 6749 §4.1.2: the tokens the code gave are revoked with it.
    assert p.me(first.json()["access_token"]).status == 401


def test_code_of_another_client(p):
    code, verifier = p.code(PUBLIC)
    answer = p.exchange(code, verifier, CONFIDENTIAL, SECRET)
    assert answer.status == 400 and error_of(answer) == "invalid_grant", answer.body


def test_redirect_uri_exact(p):
    for uri in ("http://127.0.0.1:8767/callback", "http://127.0.0.1:8766/callback/",
                "http://localhost:8766/callback", "http://127.0.0.1:8766/callback?x=1",
                "https://evil.example/callback"):
        answer = p.authorize(redirect_uri=uri, challenge=pkce()[1])
        # Never redirected to an address that is not registered (RFC 6749 §4.1.2.1).
        assert answer.status == 400 and "Location" not in answer.headers, (uri, answer.status)
        assert b"invalid_request" in answer.body or b"mismatch" in answer.body.lower()
    params = {"response_type": "code", "client_id": PUBLIC, "state": "s",
              "code_challenge": pkce()[1], "code_challenge_method": "S256", "auto": "allow"}
    answer = http("GET", p.base + "/authorize?" + urllib.parse.urlencode(params))
    assert answer.status == 400 and "Location" not in answer.headers
    for uri in (APP_LINK, EXTRA):
        code, verifier = p.code(redirect_uri=uri)
        assert p.exchange(code, verifier, redirect_uri=uri).status == 200


def test_redirect_uri_mismatch_at_token(p):
    code, verifier = p.code(redirect_uri=REDIRECT)
    answer = p.exchange(code, verifier, redirect_uri=EXTRA)
    assert answer.status in (400, 401) and error_of(answer) in ("invalid_request",
                                                                 "mismatching_redirect_uri"), \
        answer.body
    form = {"grant_type": "authorization_code", "code": p.code()[0], "code_verifier": "x" * 43}
    answer = p.token(form)
    assert answer.status == 400


def test_deny(p):
    answer = p.authorize(challenge=pkce()[1], auto="deny")
    query = answer.location_query()
    assert answer.status == 302 and query.get("error") == "access_denied", query
    assert query.get("state") == "st-1" and "code" not in query


def test_consent_page(p):
    verifier, challenge = pkce()
    page = p.authorize(challenge=challenge, auto=None)
    assert page.status == 200 and b'id="allow"' in page.body and b'id="deny"' in page.body
    assert b"public-client-0001" in page.body and b"offline_access" in page.body
    action = page.body.decode().split('action="', 1)[1].split('"', 1)[0]
    action = action.replace("&amp;", "&")
    answer = http("POST", p.base + action, {"action": "allow"})
    query = answer.location_query()
    assert answer.status == 302 and query.get("code") and query.get("state") == "st-1"
    assert p.exchange(query["code"], verifier).status == 200
    denied = http("POST", p.base + action, {"action": "deny"}).location_query()
    assert denied.get("error") == "access_denied"
    # The same request in a form's hidden fields, as a browser sends it from another page.
    verifier, challenge = pkce()
    fields = {"response_type": "code", "client_id": PUBLIC, "redirect_uri": REDIRECT,
              "scope": "read", "state": "st-2", "code_challenge": challenge,
              "code_challenge_method": "S256", "action": "allow"}
    query = http("POST", p.base + "/authorize", fields).location_query()
    assert query.get("code") and query.get("state") == "st-2"
    assert p.exchange(query["code"], verifier).status == 200


def test_unknown_client_and_scope(p):
    answer = p.authorize(client="nobody", challenge=pkce()[1])
    assert answer.status == 400 and "Location" not in answer.headers
    query = p.authorize(challenge=pkce()[1], scope="read admin").location_query()
    assert query.get("error") == "invalid_scope", query


def test_refresh_rotation(p, client=PUBLIC, secret=None):
    token = p.pair(client, secret)
    old = token["refresh_token"]
    answer = p.token({"grant_type": "refresh_token", "refresh_token": old}, client, secret)
    assert answer.status == 200, answer.body
    new = answer.json()
    assert new["refresh_token"] and new["refresh_token"] != old
    assert new["access_token"] != token["access_token"]
    assert new["scope"] == "read offline_access"
    assert p.me(new["access_token"]).status == 200
    again = p.token({"grant_type": "refresh_token", "refresh_token": old}, client, secret)
    assert again.status == 400 and error_of(again) == "invalid_grant", again.body
    third = p.token({"grant_type": "refresh_token", "refresh_token": new["refresh_token"]},
                    client, secret)
    assert third.status == 200
    assert new["refresh_token"] in p.issued()


def test_refresh_rotation_confidential(p):
    test_refresh_rotation(p, CONFIDENTIAL, SECRET)


def test_refresh_of_another_client(p):
    token = p.pair(PUBLIC)
    answer = p.token({"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
                     CONFIDENTIAL, SECRET)
    assert answer.status == 400 and error_of(answer) == "invalid_grant"


def test_revoke_access_token(p):
    token = p.pair()
    assert p.me(token["access_token"]).status == 200
    answer = http("POST", p.base + "/revoke", {"token": token["access_token"],
                                               "token_type_hint": "access_token",
                                               "client_id": PUBLIC})
    assert answer.status == 200, answer.body
    assert p.me(token["access_token"]).status == 401
    # The refresh token still works: only the access token was revoked.
    refresh = p.token({"grant_type": "refresh_token", "refresh_token": token["refresh_token"]})
    assert refresh.status == 200


def test_revoke_refresh_token(p):
    token = p.pair(CONFIDENTIAL, SECRET)
    answer = http("POST", p.base + "/revoke", {"token": token["refresh_token"],
                                               "token_type_hint": "refresh_token"},
                  basic(CONFIDENTIAL, SECRET))
    assert answer.status == 200, answer.body
    refresh = p.token({"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
                      CONFIDENTIAL, SECRET)
    assert refresh.status == 400 and error_of(refresh) == "invalid_grant"
    # RFC 7009 §2.1: the access token of the same grant goes too.
    assert p.me(token["access_token"]).status == 401


def test_revoke_needs_client(p):
    token = p.pair(CONFIDENTIAL, SECRET)
    answer = http("POST", p.base + "/revoke", {"token": token["access_token"]},
                  basic(CONFIDENTIAL, "wrong-secret"))
    assert answer.status == 401 and error_of(answer) == "invalid_client"
    # Another client's token: accepted (RFC 7009 §2.2) but not revoked.
    answer = http("POST", p.base + "/revoke", {"token": token["access_token"],
                                               "client_id": PUBLIC})
    assert answer.status == 200
    assert p.me(token["access_token"]).status == 200


def test_client_credentials(p):
    answer = p.token({"grant_type": "client_credentials"}, CONFIDENTIAL, SECRET)
    assert answer.status == 200, answer.body
    token = answer.json()
    assert token["token_type"].lower() == "bearer" and "refresh_token" not in token
    me = p.me(token["access_token"])
    assert me.status == 403  # an app-only bearer is valid but has no user
    assert token["access_token"] in p.issued()
    revoke = http("POST", p.base + "/revoke", {"token": token["access_token"]},
                  basic(CONFIDENTIAL, SECRET))
    assert revoke.status == 200
    assert p.me(token["access_token"]).status == 401


def test_client_credentials_refused(p):
    public = p.token({"grant_type": "client_credentials"}, PUBLIC)
    assert public.status == 401 and error_of(public) == "invalid_client", public.body
    wrong = p.token({"grant_type": "client_credentials"}, CONFIDENTIAL, "wrong-secret")
    assert wrong.status == 401 and error_of(wrong) == "invalid_client"


def test_client_mixups(p):
    code, verifier = p.code(CONFIDENTIAL)
    # A confidential client that leaves out its secret (treated as public): refused.
    answer = p.exchange(code, verifier, CONFIDENTIAL, None)
    assert answer.status == 401 and error_of(answer) == "invalid_client", answer.body
    # Its secret in the body instead of Basic: refused too.
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "code_verifier": verifier, "client_id": CONFIDENTIAL, "client_secret": SECRET}
    answer = http("POST", p.base + "/token", form)
    assert answer.status == 401 and error_of(answer) == "invalid_client", answer.body
    # A public client that sends Basic with a made-up secret: refused.
    code, verifier = p.code(PUBLIC)
    answer = p.exchange(code, verifier, PUBLIC, "made-up-secret")
    assert answer.status == 401 and error_of(answer) == "invalid_client", answer.body
    # The code still works for its own client the right way (these were not exchanges).
    assert p.exchange(code, verifier).status == 200


def test_me_refuses(p):
    assert p.me("not-a-token").status == 401
    assert http("GET", p.base + "/me").status == 401


def test_code_expires():
    p = Provider("--code-lifetime", "0.5")
    try:
        code, verifier = p.code()
        time.sleep(1)
        answer = p.exchange(code, verifier)
        assert answer.status == 400 and error_of(answer) == "invalid_grant", answer.status
    finally:
        p.stop()


def test_basic_credential_recorded(p):
    p.pair(CONFIDENTIAL, SECRET)
    blob = basic(CONFIDENTIAL, SECRET)["Authorization"][len("Basic "):]
    assert blob in p.issued()


def test_expiry():
    p = Provider("--expires-in", "1")
    try:
        token = p.pair()
        assert token["expires_in"] == 1
        deadline = time.monotonic() + 10
        while p.me(token["access_token"]).status == 200:
            assert time.monotonic() < deadline, "the access token never expired"
            time.sleep(0.2)
        refresh = p.token({"grant_type": "refresh_token",
                           "refresh_token": token["refresh_token"]})
        assert refresh.status == 200
    finally:
        p.stop()


# Fault modes: by path prefix, by query, by header and for the whole run

def faulty_token(p, fault, how="prefix", timeout=10):
    form = {"grant_type": "client_credentials"}
    headers = basic(CONFIDENTIAL, SECRET)
    url = p.base + "/token"
    if how == "prefix":
        url = "%s/fault/%s/token" % (p.base, fault)
    elif how == "query":
        url += "?fault=" + fault
    elif how == "header":
        headers["X-Countersign-Fault"] = fault
    return http("POST", url, form, headers, timeout)


def test_fault_html_token(p):
    for how in ("prefix", "query", "header"):
        answer = faulty_token(p, "html-token", how)
        assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/html")
        assert answer.body.startswith(b"<!DOCTYPE html>")


def test_fault_empty_token(p):
    answer = faulty_token(p, "empty-token")
    assert answer.status == 200 and answer.body == b""


def test_fault_no_token_type(p):
    answer = faulty_token(p, "no-token-type")
    body = answer.json()
    assert answer.status == 200 and "access_token" in body and "token_type" not in body
    assert body["access_token"] in p.issued()


def test_fault_bad_expires_in(p):
    body = faulty_token(p, "bad-expires-in").json()
    assert body["expires_in"] == "soon" and body["token_type"] == "bearer"


def test_fault_huge_token(p):
    answer = faulty_token(p, "huge-token")
    assert answer.status == 200 and len(answer.body) > 5 * 1024 * 1024
    assert answer.json()["token_type"] == "bearer"


def test_fault_redirect_token(p):
    answer = faulty_token(p, "redirect-token")
    assert answer.status == 302
    location = answer.headers["Location"]
    assert location == p.base + "/elsewhere"
    assert http("POST", location, {}).json()["followed_redirect"] is True


def test_fault_hang_token(p):
    try:
        faulty_token(p, "hang-token", timeout=1.5)
    except (socket.timeout, TimeoutError, urllib.error.URLError) as e:
        assert "timed out" in str(e), e
    else:
        raise AssertionError("the hanging token endpoint answered")
    # The provider still serves other requests while one hangs.
    assert faulty_token(p, "empty-token").status == 200


def test_fault_state_mismatch(p):
    verifier, challenge = pkce()
    answer = p.authorize(challenge=challenge, prefix="/fault/state-mismatch")
    query = answer.location_query()
    assert answer.status == 302 and query.get("code") and query.get("state") != "st-1"
    assert query["state"]
    # The code is real: only the state is wrong (a client must refuse to exchange it).
    assert p.exchange(query["code"], verifier).status == 200


def test_fault_no_code(p):
    answer = p.authorize(challenge=pkce()[1], extra={"fault": "no-code"})
    query = answer.location_query()
    assert answer.status == 302 and query.get("state") == "st-1" and "code" not in query
    assert "error" not in query


def test_fault_for_the_whole_run():
    p = Provider("--fault", "html-token")
    try:
        answer = p.token({"grant_type": "client_credentials"}, CONFIDENTIAL, SECRET)
        assert answer.status == 200 and answer.body.startswith(b"<!DOCTYPE html>")
    finally:
        p.stop()


def test_unknown_fault(p):
    assert faulty_token(p, "no-such-fault").status == 400


def test_no_secret_on_stdout_or_stderr():
    env = dict(os.environ)
    env.pop("CS_ISSUED_SECRETS_FILE", None)
    proc = subprocess.Popen([sys.executable, SCRIPT, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True,
                            preexec_fn=die_with_parent)
    port = proc.stdout.readline()
    p = Provider.__new__(Provider)
    p.base = "http://127.0.0.1:%d" % int(port)
    token = p.pair(CONFIDENTIAL, SECRET)
    p.token({"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
            CONFIDENTIAL, SECRET)
    proc.terminate()
    out, err = proc.communicate(timeout=10)
    assert out == "" and err == "", "the provider printed more than its port"


def main():
    shared = [(name, fn) for name, fn in globals().items()
              if name.startswith("test_") and fn.__code__.co_argcount >= 1]
    alone = [(name, fn) for name, fn in globals().items()
             if name.startswith("test_") and fn.__code__.co_argcount == 0]
    print("1..%d" % (len(shared) + len(alone)), flush=True)
    provider = Provider()
    failed = 0
    number = 0
    try:
        for name, fn in shared + alone:
            number += 1
            try:
                fn(provider) if (name, fn) in shared else fn()
                print("ok %d %s" % (number, name), flush=True)
            except Exception:
                failed += 1
                print("not ok %d %s" % (number, name), flush=True)
                for line in traceback.format_exc().splitlines():
                    print("# " + line, flush=True)
    finally:
        provider.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
