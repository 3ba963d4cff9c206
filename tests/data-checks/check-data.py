#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of the desktop integration: what a distribution, Flathub or GNOME Software looks at.

Usage: check-data.py CHECK SOURCE_ROOT BUILD_ROOT [ARG…]

Prints TAP. Every check runs the real validator (desktop-file-validate, appstreamcli,
glib-compile-schemas, msgfmt, meson install, flatpak-builder) and fails on what a user or a
store would see: an invalid file, a warning, an untranslated string, a file missing after
installation.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = "io.github.countersign.Countersign"
LANGUAGES = ["de", "fr", "es"]
CLI_COMMANDS = ["sign", "request-token", "access-token", "authorize", "call", "providers",
                "demo-provider", "list", "show", "forget", "token", "oauth2 authorize",
                "oauth2 refresh", "oauth2 revoke", "oauth2 client-credentials",
                "oauth2 exchange"]


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, condition, description, diagnostics=""):
        self.count += 1
        if not condition:
            self.failed += 1
        print(("ok" if condition else "not ok") + " %d - %s" % (self.count, description))
        if not condition and diagnostics:
            for line in str(diagnostics).rstrip().splitlines():
                print("# " + line)
        sys.stdout.flush()
        return condition

    def skip(self, description, reason):
        self.count += 1
        print("ok %d - %s # SKIP %s" % (self.count, description, reason))

    def finish(self):
        print("1..%d" % self.count)
        return 1 if self.failed else 0


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          **kwargs)


def need_tool(tap, name):
    path = shutil.which(name)
    if path is None:
        tap.ok(False, "%s is installed" % name,
               "%s not found on PATH; build-aux/common.sh installs it" % name)
    return path


# --- desktop file ---------------------------------------------------------------------------

def check_desktop(tap, src, build, args):
    desktop = os.path.join(build, "data", APP_ID + ".desktop")
    tool = need_tool(tap, "desktop-file-validate")
    if tool is None:
        return
    result = run([tool, desktop])
    output = (result.stdout + result.stderr).strip()
    tap.ok(result.returncode == 0 and output == "",
           "desktop-file-validate accepts %s with no hint, warning or error" % APP_ID, output)

    with open(desktop, encoding="utf-8") as f:
        entries = dict(line.rstrip("\n").split("=", 1) for line in f
                       if "=" in line and not line.startswith("#"))
    tap.ok(entries.get("Exec", "").split()[0:1] == ["countersign"], "Exec starts countersign",
           entries.get("Exec"))
    tap.ok(entries.get("Icon") == APP_ID, "Icon is the application id", entries.get("Icon"))
    icon = os.path.join(src, "data", "icons", "hicolor", "scalable", "apps", APP_ID + ".svg")
    tap.ok(os.path.isfile(icon), "the icon named in the desktop file exists", icon)
    for lang in LANGUAGES:
        for key in ("Comment", "GenericName", "Keywords"):
            localized = entries.get("%s[%s]" % (key, lang))
            tap.ok(bool(localized) and localized != entries.get(key),
                   "%s[%s] is translated in the built desktop file" % (key, lang),
                   "got %r" % localized)


# --- AppStream metainfo ---------------------------------------------------------------------

def check_metainfo(tap, src, build, args):
    metainfo = os.path.join(build, "data", APP_ID + ".metainfo.xml")
    tool = need_tool(tap, "appstreamcli")
    if tool is None:
        return
    result = run([tool, "validate", "--no-net", "--pedantic", "--explain", metainfo])
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if re.match(r"^[EW]: ", line)]
    tap.ok(result.returncode == 0 and not problems,
           "appstreamcli validate --no-net: no error and no warning", output)
    # Pedantic hints are shown; the only accepted one is the upper case in our reverse-DNS id,
    # which the id has to keep (it is the D-Bus name and the Flathub id).
    pedantic = [line for line in output.splitlines()
                if line.startswith("P: ") and "cid-contains-uppercase-letter" not in line]
    tap.ok(not pedantic, "no pedantic hint other than the upper-case id", output)

    tree = ET.parse(metainfo)
    root = tree.getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    tap.ok(root.findtext("id") == APP_ID, "the component id is the application id")
    tap.ok(root.findtext("launchable[@type='desktop-id']") == APP_ID + ".desktop",
           "the launchable is the installed desktop file")
    developer = root.find("developer")
    tap.ok(developer is not None and developer.get("id") and developer.findtext("name"),
           "a developer with an id and a name")
    binaries = [b.text for b in root.findall("provides/binary")]
    tap.ok("countersign-cli" in binaries, "provides the binary countersign-cli", binaries)
    schemes = sorted(c.get("scheme_preference") for c in root.findall("branding/color")
                     if c.get("type") == "primary")
    tap.ok(schemes == ["dark", "light"], "primary branding colours for light and dark", schemes)
    urls = {u.get("type") for u in root.findall("url")}
    tap.ok({"homepage", "bugtracker", "vcs-browser"} <= urls, "homepage, bugtracker and "
           "vcs-browser URLs", urls)
    tap.ok(root.find("content_rating") is not None, "an OARS content rating")
    tap.ok(root.find("requires/display_length") is not None, "a required display length")
    release = root.find("releases/release")
    tap.ok(release is not None and release.get("version") == "0.1.0" and
           release.get("date") == "2026-11-29", "the 0.1.0 release dated 2026-11-29")
    version = project_version(src)
    tap.ok(release is not None and release.get("version") == version,
           "the newest release is the version meson.build builds (%s)" % version,
           release.get("version") if release is not None else "no release")
    for entry in root.findall("releases/release"):
        notes = [e for e in entry.findall("description/*") if e.get(xml_lang) is None]
        tap.ok(bool(notes), "release %s has release notes" % entry.get("version"))

    # Every screenshot is a file in data/screenshots/ of this repository.
    images = [i.text.strip() for i in root.findall("screenshots/screenshot/image")]
    tap.ok(len(images) >= 1, "at least one screenshot")
    prefix = "https://raw.githubusercontent.com/countersign/countersign/main/"
    for url in images:
        relative = url[len(prefix):] if url.startswith(prefix) else None
        tap.ok(relative is not None and relative.startswith("data/screenshots/") and
               os.path.isfile(os.path.join(src, relative)),
               "screenshot %s is in data/screenshots/" % os.path.basename(url), url)
    for url in images:
        path = os.path.join(src, "data", "screenshots", os.path.basename(url))
        header = b""
        if os.path.isfile(path):
            with open(path, "rb") as f:
                header = f.read(24)
        tap.ok(header[:8] == b"\x89PNG\r\n\x1a\n" and
               int.from_bytes(header[16:20], "big") >= 300,
               "screenshot %s is a PNG at least 300 pixels wide" % os.path.basename(url))
    captions = [c for c in root.findall("screenshots/screenshot/caption")
                if c.get(xml_lang) is None]
    tap.ok(all(c.text for c in captions) and len(captions) == len(images),
           "every screenshot has a caption")

    for lang in LANGUAGES:
        for tag in ("summary", "description/p"):
            localized = [e for e in root.findall(tag) if e.get(xml_lang) == lang]
            tap.ok(bool(localized), "%s is translated to %s" % (tag, lang))


# --- GSettings schema ------------------------------------------------------------------------

def check_schema(tap, src, build, args):
    tool = need_tool(tap, "glib-compile-schemas")
    if tool is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(src, "data", APP_ID + ".gschema.xml"), tmp)
        result = run([tool, "--strict", "--targetdir=" + tmp, tmp])
        tap.ok(result.returncode == 0 and not result.stderr.strip(),
               "glib-compile-schemas --strict accepts the schema", result.stderr)
    root = ET.parse(os.path.join(src, "data", APP_ID + ".gschema.xml")).getroot()
    tap.ok(root.get("gettext-domain") == "countersign",
           "the schema names the gettext domain for its summaries")
    schema = root.find("schema[@id='%s']" % APP_ID)
    tap.ok(schema is not None and schema.get("path") == "/io/github/countersign/Countersign/",
           "the schema id and path follow the application id")
    keys = schema.findall("key") if schema is not None else []
    tap.ok(all(k.findtext("summary") and k.findtext("description") for k in keys),
           "every key has a summary and a description",
           [k.get("name") for k in keys if not k.findtext("summary")])


# --- translations ----------------------------------------------------------------------------

def read_potfiles(src):
    with open(os.path.join(src, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith("#")]


def make_pot(src, directory):
    """The template as `countersign-pot` would make it, from the sources as they are now."""
    pot = os.path.join(directory, "countersign.pot")
    # The keywords of meson's i18n "glib" preset.
    argv = ["xgettext", "--package-name=countersign", "--from-code=UTF-8", "--add-comments",
            "--directory=" + src, "--files-from=" + os.path.join(src, "po", "POTFILES.in"),
            "--output=" + pot, "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
            "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
            "--keyword=g_dpgettext2:2c,3", "--flag=N_:1:pass-c-format",
            "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
            "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
            "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
            "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
            "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
            "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
            "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
            "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format"]
    result = run(argv)
    return pot if result.returncode == 0 else None, result.stderr


def msgfmt_statistics(po_file):
    result = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po_file],
                 env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
    stats = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr):
        stats[kind] = int(number)
    return result, stats


def check_translations(tap, src, build, args):
    if need_tool(tap, "msgfmt") is None or need_tool(tap, "xgettext") is None:
        return
    with open(os.path.join(src, "po", "LINGUAS"), encoding="utf-8") as f:
        linguas = sorted(w for line in f if not line.startswith("#") for w in line.split())
    tap.ok(linguas == sorted(LANGUAGES), "LINGUAS lists de, fr and es", linguas)

    with tempfile.TemporaryDirectory() as tmp:
        pot, errors = make_pot(src, tmp)
        if not tap.ok(pot is not None, "xgettext extracts the strings of POTFILES.in", errors):
            return
        total = sum(1 for m in re.finditer(r'^msgid "', open(pot, encoding="utf-8").read(),
                                           re.M)) - 1
        tap.ok(total > 0, "there are strings to translate (%d)" % total)
        check_wording(tap, src, pot)
        for lang in linguas:
            po_file = os.path.join(src, "po", lang + ".po")
            if not tap.ok(os.path.isfile(po_file), "po/%s.po exists" % lang):
                continue
            result, stats = msgfmt_statistics(po_file)
            tap.ok(result.returncode == 0, "msgfmt --check accepts po/%s.po" % lang,
                   result.stderr)
            tap.ok(stats["fuzzy"] == 0 and stats["untranslated"] == 0,
                   "po/%s.po: every message translated, none fuzzy" % lang, result.stderr)
            # Against the sources as they are now: a string added since the last
            # `ninja countersign-update-po` shows up here as untranslated.
            merged = os.path.join(tmp, lang + ".po")
            result = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                          po_file, pot])
            if not tap.ok(result.returncode == 0, "msgmerge %s.po with the current template"
                          % lang, result.stderr):
                continue
            result, stats = msgfmt_statistics(merged)
            missing = []
            if stats["untranslated"] or stats["fuzzy"]:
                missing = run(["msgattrib", "--untranslated", "--no-wrap", merged]).stdout
                missing = re.findall(r'^msgid "(.+)"$', missing, re.M)[:20]
            tap.ok(stats["untranslated"] == 0 and stats["fuzzy"] == 0 and
                   stats["translated"] == total,
                   "%s translates all %d strings of the current sources" % (lang, total),
                   result.stderr + "\n".join("untranslated: " + m for m in missing))


def read_po(path):
    """(msgid, [msgstr…]) for each message of a .po or .pot file, header and obsolete ones
    left out; the text as the program sees it (continuations joined, escapes read)."""
    entries, current, field = [], None, None
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}

    def text(quoted):
        return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), quoted)

    def close():
        if current is not None and current.get("msgid"):
            entries.append((current["msgid"], [v for k, v in sorted(current.items())
                                               if k.startswith("msgstr")]))

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                if match.group(1) == "msgctxt" or (match.group(1) == "msgid"
                                                   and field != "msgctxt"):
                    close()
                    current = {}
                field = match.group(1)
                current[field] = text(match.group(2))
            elif line.startswith('"') and field is not None:
                current[field] += text(line[1:-1])
            else:
                field = None
    close()
    return entries


SENTENCE_END = (".", "!", "?", ":", "…", ")", "”", "»", "“", "]")


def check_wording(tap, src, pot):
    """Issue 12 tour: a message of more than one sentence ends with a full stop, as each of
    its translations does; advice that names the wizard's Back button uses the button's own
    word in each language."""
    def whole(msgid):
        return re.search(r"[.?!] [A-Z]", msgid) is not None

    cut = [m for m, _ in read_po(pot) if whole(m) and not m.rstrip().endswith(SENTENCE_END)]
    tap.ok(not cut, "every message of two or more sentences ends with a full stop",
           "\n".join("ends without one: " + m for m in cut))
    for lang in LANGUAGES:
        po_file = os.path.join(src, "po", lang + ".po")
        if not os.path.isfile(po_file):
            continue
        entries = read_po(po_file)
        cut = [s for m, strs in entries for s in strs
               if m.endswith(".") and s and not s.rstrip().endswith(SENTENCE_END)]
        tap.ok(not cut, "po/%s.po: a message that ends with a full stop is translated so" % lang,
               "\n".join("ends without one: " + s for s in cut))
        back = next((strs[0] for m, strs in entries if m == "Back"), None)
        if not tap.ok(back, "po/%s.po translates the Back button" % lang):
            continue
        other = [s for m, strs in entries if "press Back" in m for s in strs if back not in s]
        tap.ok(not other, "po/%s.po: advice to press Back names the button “%s”" % (lang, back),
               "\n".join("another word: " + s for s in other))


def check_potfiles(tap, src, build, args):
    listed = set(read_potfiles(src))
    for path in sorted(listed):
        tap.ok(os.path.isfile(os.path.join(src, path)), "POTFILES.in entry %s exists" % path)
    marker = re.compile(r'(\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"|'
                        r'translatable="yes"|<_|\btranslatable\b\s*=\s*"true")')
    with_strings = []
    for directory, _dirs, files in os.walk(os.path.join(src, "src")):
        for name in files:
            if not name.endswith((".c", ".h", ".ui", ".blp")):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                if marker.search(f.read()):
                    with_strings.append(os.path.relpath(path, src))
    tap.ok(len(with_strings) > 0, "src/ has files with translatable strings")
    for path in sorted(with_strings):
        tap.ok(path in listed, "%s (has translatable strings) is in po/POTFILES.in" % path)
    for path in ("data/%s.desktop.in" % APP_ID, "data/%s.metainfo.xml.in" % APP_ID,
                 "data/%s.gschema.xml" % APP_ID):
        tap.ok(path in listed, "%s is in po/POTFILES.in" % path)


# --- the Flatpak manifest --------------------------------------------------------------------

def check_manifest(tap, src, build, args):
    path = os.path.join(src, "flatpak", APP_ID + ".json")
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        tap.ok(False, "the manifest is valid JSON", e)
        return
    tap.ok(True, "the manifest is valid JSON")
    tap.ok(manifest.get("id", manifest.get("app-id")) == APP_ID, "the id is " + APP_ID)
    tap.ok(manifest.get("runtime") == "org.gnome.Platform", "runtime org.gnome.Platform")
    tap.ok(manifest.get("sdk") == "org.gnome.Sdk", "sdk org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    # GNOME 47–49 are end-of-life by late 2026; 50 and later are supported on Flathub.
    tap.ok(re.fullmatch(r"[5-9][0-9]", version) is not None,
           "a supported stable GNOME runtime version (50 or later)", version)
    tap.ok(manifest.get("command") == "countersign", "command countersign")
    expected = {"--share=network", "--share=ipc", "--socket=fallback-x11",
                "--socket=wayland", "--device=dri"}
    finish = manifest.get("finish-args", [])
    tap.ok(sorted(finish) == sorted(expected), "finish-args are exactly the five expected",
           finish)
    tap.ok(not any(a.startswith(("--talk-name", "--own-name", "--system-talk-name",
                                 "--filesystem")) for a in finish),
           "no D-Bus names (the keyring goes through the Secret portal) and no filesystem")
    modules = manifest.get("modules", [])
    app = modules[-1] if modules else {}
    tap.ok(app.get("name") == "countersign" and app.get("buildsystem") == "meson",
           "the last module is countersign, built with meson")
    sources = app.get("sources", [])
    tap.ok(any(s.get("type") in ("dir", "git") and s.get("path") == ".." for s in sources),
           "the app is built from this repository (path ..)")
    tap.ok(app.get("run-tests") is True, "the module runs the tests")
    commands = " ".join(app.get("test-commands", []))
    tap.ok("--suite unit" in commands and "--suite integration" in commands,
           "the unit and integration suites run in the sandbox", commands)
    tap.ok("-Dtests=true" in app.get("config-opts", []), "configured with -Dtests=true")
    # The options of the sid pass in CI (meson_options.txt's defaults), as a release build:
    # flatpak-builder itself adds only --prefix, --libdir and (newer ones) --wrap-mode, no
    # build type.
    expected = ["--buildtype=release"] + ["-D%s=%s" % option for option in
                                          sorted(option_defaults(src).items())]
    tap.ok(sorted(app.get("config-opts", [])) == sorted(expected),
           "config-opts are meson_options.txt's defaults and --buildtype=release",
           "got %s, expected %s" % (app.get("config-opts"), expected))
    check_show_manifest(tap, path, manifest)


def project_version(src):
    with open(os.path.join(src, "meson.build"), encoding="utf-8") as f:
        match = re.search(r"^project\(.*?\bversion:\s*'([^']+)'", f.read(), re.S | re.M)
    return match.group(1) if match else None


def option_defaults(src):
    """{name: value} for meson_options.txt's boolean options, as -D spells them."""
    with open(os.path.join(src, "meson_options.txt"), encoding="utf-8") as f:
        text = f.read()
    return {name: value for name, value in
            re.findall(r"option\('([^']+)',\s*type:\s*'boolean',\s*value:\s*(true|false)", text)}


def lost_keys(given, parsed, where=""):
    """What of @given flatpak-builder dropped (an unknown property) or changed."""
    if isinstance(given, dict) and isinstance(parsed, dict):
        lost = []
        for key, value in given.items():
            if key not in parsed:
                lost.append(where + key)
            else:
                lost += lost_keys(value, parsed[key], where + key + ".")
        return lost
    if isinstance(given, list) and isinstance(parsed, list) and len(given) == len(parsed):
        return [k for i, (a, b) in enumerate(zip(given, parsed))
                for k in lost_keys(a, b, "%s%d." % (where, i))]
    return [] if given == parsed else [where.rstrip(".") or "(top)"]


def check_show_manifest(tap, path, manifest):
    tool = shutil.which("flatpak-builder")
    if tool is None:
        tap.skip("flatpak-builder --show-manifest parses the manifest",
                 "flatpak-builder is not installed (build-aux/common.sh installs it)")
        return
    # GLib prints debug lines on standard output, where the manifest's JSON goes: a run with
    # G_MESSAGES_DEBUG (CI's main pass) must not turn them on for flatpak-builder.
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("G_MESSAGES_DEBUG", None)
    result = run([tool, "--show-manifest", path], env=env)
    tap.ok(result.returncode == 0 and result.stderr.strip() == "",
           "flatpak-builder --show-manifest parses the manifest, no warning",
           result.stderr)
    try:
        parsed = json.loads(result.stdout)
    except ValueError as e:
        tap.ok(False, "flatpak-builder --show-manifest prints JSON", e)
        return
    lost = lost_keys(manifest, parsed)
    tap.ok(not lost, "flatpak-builder knows every property of the manifest",
           "unknown or changed: %s" % ", ".join(lost))


# --- meson install ---------------------------------------------------------------------------

def check_install(tap, src, build, args):
    meson = args[0] if args else shutil.which("meson")
    build_app = len(args) > 1 and args[1] == "true"
    with open(os.path.join(build, "meson-info", "intro-buildoptions.json")) as f:
        options = {o["name"]: o["value"] for o in json.load(f)}
    prefix = options["prefix"].lstrip("/")
    datadir = os.path.join(prefix, options["datadir"])
    bindir = os.path.join(prefix, options["bindir"])
    mandir = os.path.join(prefix, options["mandir"])
    localedir = os.path.join(prefix, options["localedir"])

    with tempfile.TemporaryDirectory(dir=build, prefix="install-check-") as destdir:
        result = run([meson, "install", "--no-rebuild", "--quiet", "--destdir", destdir,
                      "-C", build], env=dict(os.environ, DESTDIR=destdir))
        if not tap.ok(result.returncode == 0, "meson install --destdir succeeds",
                      result.stdout + result.stderr):
            return
        expected = [os.path.join(bindir, "countersign-cli"),
                    os.path.join(datadir, "glib-2.0", "schemas", APP_ID + ".gschema.xml"),
                    os.path.join(mandir, "man1", "countersign-cli.1")]
        expected += [os.path.join(localedir, lang, "LC_MESSAGES", "countersign.mo")
                     for lang in LANGUAGES]
        if build_app:
            expected += [
                os.path.join(bindir, "countersign"),
                os.path.join(datadir, "applications", APP_ID + ".desktop"),
                os.path.join(datadir, "metainfo", APP_ID + ".metainfo.xml"),
                os.path.join(datadir, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg"),
                os.path.join(datadir, "icons", "hicolor", "symbolic", "apps",
                             APP_ID + "-symbolic.svg"),
            ]
        for path in expected:
            full = os.path.join(destdir, path)
            tap.ok(os.path.isfile(full) and os.path.getsize(full) > 0,
                   "installed: /" + path)
        for binary in ("countersign-cli", "countersign") if build_app else ("countersign-cli",):
            full = os.path.join(destdir, bindir, binary)
            tap.ok(os.access(full, os.X_OK), "/%s is executable" % os.path.join(bindir, binary))
        installed = sorted(os.path.relpath(os.path.join(d, n), destdir)
                           for d, _dirs, names in os.walk(destdir) for n in names)
        print("# installed files:")
        for path in installed:
            print("#   /" + path)
        # Nothing for developers or tests leaks into an installation.
        stray = [p for p in installed if p.endswith((".a", ".h", ".pc")) or "/test" in p]
        tap.ok(not stray, "no static library, header or test installed", stray)
        if build_app and shutil.which("desktop-file-validate"):
            desktop = os.path.join(destdir, datadir, "applications", APP_ID + ".desktop")
            if os.path.isfile(desktop):
                result = run(["desktop-file-validate", desktop])
                tap.ok(result.returncode == 0, "the installed desktop file validates",
                       result.stdout + result.stderr)
        check_installed_languages(tap, src, destdir, "/" + localedir,
                                  "/" + os.path.join(bindir, "countersign-cli"),
                                  "/" + os.path.join(bindir, "countersign") if build_app else None)


def po_translation(src, lang, msgid):
    with open(os.path.join(src, "po", lang + ".po"), encoding="utf-8") as f:
        text = f.read()
    match = re.search(r'^msgid "%s"\nmsgstr "(.+)"$' % re.escape(msgid), text, re.M)
    return match.group(1) if match else None


def mount_namespace():
    """unshare(1) arguments that give a private mount namespace, or None."""
    if shutil.which("unshare") is None:
        return None
    for argv in (["unshare", "--mount"], ["unshare", "--map-root-user", "--mount"]):
        if run(argv + ["true"]).returncode == 0:
            return argv
    return None


def check_installed_languages(tap, src, destdir, localedir, cli, app):
    """The installed programs find their catalogs where they were installed.

    The binaries look for translations in the LOCALEDIR compiled into them. To run the copies
    in DESTDIR as if installed, the catalogs in DESTDIR are mounted over that directory in a
    private mount namespace; nothing outside this process sees it."""
    unshare = mount_namespace()
    target = localedir
    while not os.path.isdir(target):
        target = os.path.dirname(target)
    if unshare is None or target in ("/", "/usr", "/app"):
        tap.skip("the installed programs speak German, French and Spanish",
                 "no private mount namespace here (unshare --mount refused)")
        return
    programs = [(cli, ["--help"], "Commands:")]
    if app is not None:
        programs.append((app, ["--help"], "Print the version and exit"))
    for lang in LANGUAGES:
        for program, argv, msgid in programs:
            expected = po_translation(src, lang, msgid)
            script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
            env = dict(os.environ, LANGUAGE=lang, LC_ALL="C.UTF-8")
            env.pop("COUNTERSIGN_LOCALEDIR", None)
            env.pop("DISPLAY", None)
            env.pop("WAYLAND_DISPLAY", None)
            result = run(unshare + ["sh", "-c", script, "sh", destdir + target, target,
                                    destdir + program] + argv, env=env)
            tap.ok(expected is not None and result.returncode == 0 and
                   expected in result.stdout,
                   "installed %s --help speaks %s (“%s”)" % (os.path.basename(program), lang,
                                                              expected),
                   result.stdout[:600] + result.stderr)


# --- the man page ----------------------------------------------------------------------------

def long_options(help_text):
    return sorted(set(re.findall(r"(--[a-z][a-z0-9-]+)", help_text)) - {"--help"})


def check_manpage(tap, src, build, args):
    cli = args[0]
    page_path = os.path.join(src, "data", "countersign-cli.1")
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    # groff's escapes: \- is a hyphen-minus in the rendered text.
    text = page.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "") \
               .replace("\\fI", "").replace("\\fP", "")
    if need_tool(tap, "groff") is not None:
        result = run(["groff", "-man", "-Tutf8", "-ww", "-z", page_path])
        tap.ok(result.returncode == 0 and not result.stderr.strip(),
               "groff renders the man page without a warning", result.stderr)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    main_help = run([cli, "--help"], env=env).stdout
    for command in CLI_COMMANDS:
        tap.ok(command.split()[0] in main_help, "countersign-cli --help lists %s" % command)
        tap.ok(re.search(r"^\.SS\s+\"?%s\b" % re.escape(command), page, re.M) is not None,
               "the man page has a section for %s" % command)
        section = re.search(r"^\.SS\s+\"?%s\b.*?(?=^\.S[SH]\s)" % re.escape(command), text,
                            re.M | re.S)
        section = section.group(0) if section else ""
        result = run([cli] + command.split() + ["--help"], env=env)
        options = long_options(result.stdout)
        tap.ok(result.returncode == 0 and "countersign-cli" in result.stdout,
               "countersign-cli %s --help succeeds" % command, result.stdout + result.stderr)
        undocumented = [o for o in options if o not in section]
        tap.ok(not undocumented, "the man page documents every option of %s" % command,
               "missing: %s" % " ".join(undocumented))
    for word in ("COUNTERSIGN_CONSUMER_SECRET", "COUNTERSIGN_TOKEN_SECRET"):
        tap.ok(re.search(r"^\.SH\s+\"?ENVIRONMENT", page, re.M) is not None and word in page,
               "the man page documents %s under ENVIRONMENT" % word)
    exit_section = re.search(r"^\.SH\s+\"?EXIT STATUS\"?.*?(?=^\.SH\s|\Z)", page, re.M | re.S)
    exit_section = exit_section.group(0) if exit_section else ""
    for status in ("0", "1", "2", "3", "4", "5", "130"):
        tap.ok(re.search(r"^\.B\s+%s\s*$" % status, exit_section, re.M) is not None,
               "the man page explains exit status %s" % status)


CHECKS = {
    "desktop": check_desktop,
    "metainfo": check_metainfo,
    "schema": check_schema,
    "translations": check_translations,
    "potfiles": check_potfiles,
    "manifest": check_manifest,
    "install": check_install,
    "manpage": check_manpage,
}


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in CHECKS:
        sys.stderr.write(__doc__)
        return 2
    tap = Tap()
    CHECKS[sys.argv[1]](tap, sys.argv[2], sys.argv[3], sys.argv[4:])
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
