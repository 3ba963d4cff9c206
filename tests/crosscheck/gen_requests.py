#!/usr/bin/python3
# gen_requests.py — random OAuth 1.0a requests, signed by python3-oauthlib
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a JSON array of requests, each with the base string, the signature and the
# Authorization header that oauthlib's own RFC 5849 functions compute for it. The C test
# tests/crosscheck/test-crosscheck.c signs the same requests with cs_sign() and the CLI and
# expects identical results.
#
# Where oauthlib and RFC 5849 part ways, the generated requests stay on the ground both
# agree on, and each restriction says why:
#
# - oauthlib's urldecode() refuses a query or body with characters outside
#   A-Z a-z 0-9 _ . - = & ; : % + ~ , * @ ! ( ) / ? ' $ (and extract_params() then silently
#   drops the whole body), so the wire forms use only those characters raw and escape the
#   rest, which is also what RFC 3986 allows in a query.
# - oauthlib decodes with Python's str, so escapes that are not UTF-8 would become U+FFFD;
#   RFC 5849 works on octets. Escaped text here is always UTF-8 (but raw bytes of every kind
#   are escaped: %00, %7F, controls, reserved characters, in either hex case).
# - collect_parameters() unescapes the values of parameters whose names start with
#   `oauth_` a second time (meant for header values, which its header parser has already
#   decoded once); a query or body parameter called oauth_* therefore only gets values
#   without `%` once decoded, and the protocol parameters are added already decoded.
# - prepare_headers() leaves out an empty realm and writes the realm without quoting:
#   realms here are non-empty and have no `"` or `\`.
# - The base string URI: oauthlib keeps the path as sent (only a space becomes %20, and a URL
#   with a space is not a URL); so does RFC 5849 in its examples. Paths are ASCII as on the
#   wire, with escapes in both hex cases. IPv6 hosts are in canonical form, because oauthlib
#   rewrites them through ipaddress. A last path segment never ends in its first `;`:
#   urlparse() splits it off as empty ;params and urlunparse() then drops it.
#
# Beyond RFC 5849 (issue 14): HMAC-SHA512 and RSA-SHA256 (with the key given by --key), a
# realm, and raw bodies that are not form-encoded (JSON) with `oauth_body_hash`. For the SHA-1
# methods the body hash comes from oauthlib's own Client (which always uses SHA-1); for the
# SHA-256 and SHA-512 ones it is hashlib's hash of the same hash family, as the body hash
# draft has the hash follow the signature method.
#
# Usage: gen_requests.py [--seed N] [--count N] [--key PEM-FILE] [--output FILE]
import argparse
import base64
import hashlib
import json
import random
import sys
import time

import oauthlib.oauth1
from oauthlib.oauth1.rfc5849 import parameters as oauth_parameters
from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849.utils import parse_authorization_header, unescape
from oauthlib.common import urldecode
from urllib.parse import urlparse

UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'
# Characters that may appear raw in a query or body and mean themselves (not & = + %).
RAW_OK = ";:~,*@!()/?'$"
PATH_RAW = UNRESERVED + "!$&'()*+,;=:@"
TCHAR_EXTRA = "!#$%&'*+-.^_`|~"

WORDS = ['status', 'q', 'a', 'b', 'c', 'include_entities', 'count', 'name', 'Name', 'x',
         'file', 'z', 'A', 'realm', 'oauth_extra', 'oauth_signature', 'cursor', 'ÿ',
         'ключ', 'a b', 'a+b', 'a&b', 'a=b', '100%', '~tilde', 'émoji😀', 'id[]']
TEXTS = ['', 'Hello Ladies + Gentlemen, a signed OAuth request!', 'true', '0', '1 2 3',
         'a+b', 'a%20b', '%', '100%', '50% off', '&', '=', '==', '?', '#', '/', '\\',
         'ümlaut', 'Zürich', '日本語', '😀', 'line\nbreak', 'tab\t', '\x7f', '\x00', '\x01',
         '~-._', '!*\'();:@&=+$,/?#[]', '"quoted"', '<tag>', '{json:1}', 'mañana',
         'https://example.com/cb?x=1&y=2', 'ﬁ', '\u00a0nbsp', 'ß', 'a\u0301']


def rand_text(rng, max_len=12):
    """A decoded value: a known tricky text, or random characters from a wide mix."""
    if rng.random() < 0.4:
        return rng.choice(TEXTS)
    pools = [UNRESERVED, ' +&=%#?/;:@!$\'()*,[]"<>\\^`{|}', 'äöüéñçøåßÆ€£¥',
             'Ωжשעربية中文한국어', '😀🎉𝄞', '\x00\x01\x1f\x7f\t\n']
    weights = [10, 5, 2, 2, 1, 1]
    out = []
    for _ in range(rng.randint(0, max_len)):
        pool = rng.choices(pools, weights)[0]
        out.append(rng.choice(pool))
    return ''.join(out)


def hex_escape(rng, octet, case=None):
    text = '%%%02X' % octet
    if case == 'lower' or (case is None and rng.random() < 0.3):
        text = text.lower()
    return text


def wire_encode(rng, text, is_name):
    """Encodes @text as a browser or a script might put it in a query or form body."""
    out = []
    for ch in text:
        if ch in UNRESERVED:
            out.append(hex_escape(rng, ord(ch)) if rng.random() < 0.05 else ch)
        elif ch == ' ':
            out.append('+' if rng.random() < 0.6 else hex_escape(rng, 0x20))
        elif ch in RAW_OK and rng.random() < 0.5:
            out.append(ch)
        elif ch == '=' and not is_name and rng.random() < 0.3:
            out.append(ch)  # only the first '=' splits name from value
        else:
            out.extend(hex_escape(rng, b) for b in ch.encode('utf-8'))
    return ''.join(out)


def rand_name(rng, used):
    if used and rng.random() < 0.25:
        return rng.choice(used)  # a duplicate name
    if rng.random() < 0.7:
        return rng.choice(WORDS)
    if rng.random() < 0.05:
        return ''
    return rand_text(rng, 6) or 'n'


def rand_form(rng, big=False):
    """Returns the wire text of a query or form body."""
    used = []
    parts = []
    for _ in range(rng.randint(30, 60) if big else rng.randint(1, 7)):
        name = rand_name(rng, used)
        used.append(name)
        value = rand_text(rng, 400 if big and rng.random() < 0.2 else 12)
        if name.startswith('oauth_'):
            value = value.replace('%', '')
        kind = rng.random()
        if kind < 0.1 and name:
            parts.append(wire_encode(rng, name, True))  # a bare name
        elif kind < 0.2:
            parts.append(wire_encode(rng, name, True) + '=')  # an empty value
        else:
            parts.append(wire_encode(rng, name, True) + '=' + wire_encode(rng, value, False))
        if rng.random() < 0.03:
            parts.append('')  # an empty segment, "a=1&&b=2"
    return '&'.join(parts)


def rand_host(rng):
    r = rng.random()
    if r < 0.08:
        return '127.0.0.1'
    if r < 0.12:
        return rng.choice(['[::1]', '[2001:DB8::1]', '[fe80::1:2]'])
    labels = []
    for _ in range(rng.randint(1, 4)):
        label = ''.join(rng.choice('abcdefghijklmnopqrstuvwxyz0123456789')
                        for _ in range(rng.randint(1, 10)))
        labels.append(label)
    host = '.'.join(labels) if rng.random() < 0.8 else rng.choice(['localhost', 'api.x.com'])
    # Upper case in places: the base string URI must lowercase it.
    return ''.join(c.upper() if rng.random() < 0.3 else c for c in host)


def rand_port(rng, scheme):
    r = rng.random()
    if r < 0.4:
        return ''
    if r < 0.55:
        return ':' + ('80' if scheme == 'http' else '443')  # the default: dropped
    if r < 0.65:
        return ':' + ('443' if scheme == 'http' else '80')  # the other default: kept
    if r < 0.7:
        return ':0' + str(rng.choice([80, 443, 8080]))  # a leading zero
    return ':' + str(rng.randint(1, 65535))


def rand_path(rng):
    if rng.random() < 0.1:
        return rng.choice(['', '/'])
    segments = []
    for _ in range(rng.randint(1, 5)):
        seg = []
        for _ in range(rng.randint(0, 10)):
            r = rng.random()
            if r < 0.75:
                seg.append(rng.choice(UNRESERVED))
            elif r < 0.9:
                seg.append(rng.choice(PATH_RAW))
            else:
                for b in rng.choice(['é', ' ', '/', '?', '#', '%', '😀', '+']).encode('utf-8'):
                    seg.append(hex_escape(rng, b))
        segments.append(''.join(seg))
    path = '/' + '/'.join(segments)
    if rng.random() < 0.2:
        path += '/'
    last = path[path.rfind('/'):]
    if ';' in last and last.index(';') == len(last) - 1:
        path += 'x'  # urlparse() would drop an empty ";params" from the last segment
    return path


def rand_method(rng):
    r = rng.random()
    if r < 0.75:
        m = rng.choice(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])
        return m.lower() if rng.random() < 0.1 else m
    if r < 0.9:
        return rng.choice(['PROPFIND', 'M-SEARCH', 'purge', 'Report', 'X_CUSTOM', 'MKCOL'])
    # Any RFC 7230 token: the base string must percent-encode what is not unreserved.
    alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' + TCHAR_EXTRA
    return ''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))


def rand_ascii(rng, lo, hi, alphabet=None):
    alphabet = alphabet or ''.join(chr(c) for c in range(0x20, 0x7f))
    return ''.join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def rand_secret(rng):
    r = rng.random()
    if r < 0.15:
        return None
    if r < 0.2:
        return ''
    if r < 0.7:
        return rand_ascii(rng, 8, 50, UNRESERVED)
    return rand_text(rng, 20).replace('\x00', '')


def make_request(rng, index):
    # A few big ones: many parameters, long values, paths and secrets (past any fixed buffer).
    big = rng.random() < 0.04
    method = rand_method(rng)
    scheme = 'https' if rng.random() < 0.6 else 'http'
    scheme_text = scheme if rng.random() < 0.85 else rng.choice([scheme.upper(),
                                                                 scheme.capitalize()])
    url = scheme_text + '://' + rand_host(rng) + rand_port(rng, scheme) + rand_path(rng)
    if big:
        url += ''.join(rand_path(rng) for _ in range(40))
    if rng.random() < 0.6 or big:
        url += '?' + (rand_form(rng, big) if rng.random() < 0.95 else '')
    if rng.random() < 0.05:
        url += '#' + rand_ascii(rng, 0, 8, UNRESERVED + '/?&=')
    body = None
    raw_body = None
    if rng.random() < (0.7 if method.upper() in ('POST', 'PUT', 'PATCH') else 0.1):
        body = rand_form(rng, big) if rng.random() < 0.95 else ''
    elif rng.random() < 0.3:
        raw_body = json.dumps({'name': rand_text(rng), 'n': rng.randint(0, 99),
                               'list': [rand_text(rng, 4) for _ in range(rng.randint(0, 3))]},
                              ensure_ascii=rng.random() < 0.5)

    req = {
        'index': index,
        'method': method,
        'url': url,
        'body': body,
        'raw_body': raw_body,
        'body_hash': None,
        'signature_method': rng.choices(['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT',
                                         'HMAC-SHA512', 'RSA-SHA1', 'RSA-SHA256'],
                                        [5, 3, 2, 3, 1, 2])[0],
        'consumer_key': rand_ascii(rng, 1, 30) if rng.random() < 0.3
                        else rand_ascii(rng, 10, 30, UNRESERVED),
        'consumer_secret': rand_secret(rng),
        'token': None,
        'token_secret': None,
        'callback': None,
        'verifier': None,
        'realm': None,
        'nonce': rand_ascii(rng, 1, 40) if rng.random() < 0.2
                 else rand_ascii(rng, 32, 42, UNRESERVED[:62]),
        'timestamp': str(rng.randint(0, 2**32)),
        'omit_version': rng.random() < 0.2,
    }
    if big:
        req['consumer_secret'] = rand_text(rng, 300).replace('\x00', '')
    if rng.random() < 0.6:
        req['token'] = rand_ascii(rng, 5, 50, UNRESERVED) if rng.random() < 0.8 \
                       else rand_text(rng, 10).replace('\x00', '') or 't'
        req['token_secret'] = rand_secret(rng)
    if rng.random() < 0.3:
        req['callback'] = rng.choice(['oob', 'http://127.0.0.1:8765/callback',
                                      'https://example.com/cb?x=1&y=a+b%20c',
                                      'myapp://oauth/done', 'http://localhost/ü'])
    if rng.random() < 0.2:
        req['verifier'] = rand_ascii(rng, 1, 20, UNRESERVED + '+/=')
    if rng.random() < 0.2:
        req['realm'] = rng.choice(['Example', 'http://sp.example.com/', 'Twitter API',
                                   'ümlaut realm', 'a,b=c'])
    return req


def body_hash(req):
    """oauth_body_hash of the raw body: oauthlib's own for the SHA-1 methods."""
    raw = req['raw_body'].encode('utf-8')
    method = req['signature_method']
    if method in ('HMAC-SHA256', 'RSA-SHA256'):
        return base64.b64encode(hashlib.sha256(raw).digest()).decode('ascii')
    if method == 'HMAC-SHA512':
        return base64.b64encode(hashlib.sha512(raw).digest()).decode('ascii')
    client = oauthlib.oauth1.Client('k', client_secret='s', nonce='n', timestamp='1')
    _, headers, _ = client.sign('https://example.com/', 'POST', req['raw_body'],
                                {'Content-Type': 'application/json'})
    params = dict(parse_authorization_header(headers['Authorization']))
    return unescape(params['oauth_body_hash'])


def sign_with_oauthlib(req, rsa_key):
    parsed = urlparse(req['url'])
    base_uri = oauth_signature.base_string_uri(req['url'])

    oauth_params = []
    if req['callback'] is not None:
        oauth_params.append(('oauth_callback', req['callback']))
    oauth_params.append(('oauth_consumer_key', req['consumer_key']))
    oauth_params.append(('oauth_nonce', req['nonce']))
    oauth_params.append(('oauth_signature_method', req['signature_method']))
    oauth_params.append(('oauth_timestamp', req['timestamp']))
    if req['token'] is not None:
        oauth_params.append(('oauth_token', req['token']))
    if req['verifier'] is not None:
        oauth_params.append(('oauth_verifier', req['verifier']))
    if not req['omit_version']:
        oauth_params.append(('oauth_version', '1.0'))
    if req['raw_body'] is not None:
        req['body_hash'] = body_hash(req)
        oauth_params.append(('oauth_body_hash', req['body_hash']))

    # The protocol parameters are added decoded, as a provider has them once it has parsed
    # the Authorization header. (Passing the header to collect_parameters() would decode
    # oauth_* values twice, an oauthlib quirk: a token "a%2Bb" would become "a+b".)
    body = req['body']
    if body:
        # extract_params() turns an unparseable body into no parameters at all; make sure
        # that never happens silently here.
        urldecode(body)
    params = oauth_signature.collect_parameters(uri_query=parsed.query, body=body or [])
    params += oauth_params
    normalized = oauth_signature.normalize_parameters(params)
    base_string = oauth_signature.signature_base_string(req['method'], base_uri, normalized)

    method = req['signature_method']
    if method == 'HMAC-SHA1':
        sig = oauth_signature.sign_hmac_sha1(base_string, req['consumer_secret'],
                                             req['token_secret'])
    elif method == 'HMAC-SHA256':
        sig = oauth_signature.sign_hmac_sha256(base_string, req['consumer_secret'],
                                               req['token_secret'])
    elif method == 'HMAC-SHA512':
        sig = oauth_signature._sign_hmac('SHA-512', base_string, req['consumer_secret'],
                                         req['token_secret'])
    elif method == 'RSA-SHA1':
        sig = oauth_signature._sign_rsa('SHA-1', base_string, rsa_key)
    elif method == 'RSA-SHA256':
        sig = oauth_signature._sign_rsa('SHA-256', base_string, rsa_key)
    else:
        sig = oauth_signature.sign_plaintext(req['consumer_secret'], req['token_secret'])

    signed = sorted(oauth_params + [('oauth_signature', sig)])
    req['base_string'] = base_string
    req['signature'] = sig
    req['header'] = oauth_parameters.prepare_headers(signed, realm=req['realm'])['Authorization']
    return req


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--seed', type=int, default=None)
    parser.add_argument('--count', type=int, default=500)
    parser.add_argument('--key', default=None, help='PEM private key for RSA-SHA1/256')
    parser.add_argument('--output', default='-')
    args = parser.parse_args()
    rsa_key = open(args.key).read() if args.key else None

    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 2**31
    print('seed %d' % seed, file=sys.stderr)
    rng = random.Random(seed)
    requests = [make_request(rng, i) for i in range(args.count)]
    if rsa_key is None:
        for req in requests:
            if req['signature_method'].startswith('RSA'):
                req['signature_method'] = 'HMAC-SHA1'
    requests = [sign_with_oauthlib(req, rsa_key) for req in requests]
    text = json.dumps({'seed': seed, 'requests': requests}, ensure_ascii=True, indent=1)
    if args.output == '-':
        sys.stdout.write(text + '\n')
    else:
        with open(args.output, 'w', encoding='utf-8') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
