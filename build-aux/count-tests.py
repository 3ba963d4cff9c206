#!/usr/bin/python3
"""Prints `N passed, N failed[, N skipped]` from meson's test logs (testlog.json).

Every test program speaks TAP, so the count is of subtests: `ok` is a pass, `not ok` a
failure, and a `# SKIP` directive a skip (never a pass). A program that failed without a
`not ok` line (a crash, a timeout, a leak report at exit) counts as one more failure; a
program with no TAP lines at all counts once, by meson's verdict.
"""
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b[^#]*(#\s*(\w+))?", re.IGNORECASE)
GOOD = ("OK", "EXPECTEDFAIL")

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        print(f"missing test log: {path}", file=sys.stderr)
        continue
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        result = entry.get("result")
        t_pass = t_fail = t_skip = 0
        for out in (entry.get("stdout") or "").splitlines():
            m = TAP_LINE.match(out)
            if not m:
                continue
            directive = (m.group(3) or "").upper()
            if directive == "SKIP":
                t_skip += 1
            elif m.group(1).lower() == "ok":
                t_pass += 1
            else:
                t_fail += 1
        if t_pass + t_fail + t_skip == 0:
            if result in GOOD:
                t_pass = 1
            elif result == "SKIP":
                t_skip = 1
            else:
                t_fail = 1
        elif result not in GOOD and result != "SKIP" and t_fail == 0:
            t_fail = 1
            print(f"{entry.get('name')}: {result} after its subtests", file=sys.stderr)
        passed += t_pass
        failed += t_fail
        skipped += t_skip
summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
