#!/usr/bin/env python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints 'N passed, N failed, N skipped' for the last `meson test` runs
of the build folders given; exits 1 when any failed or none ran."""
import json
import os
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}

passed = failed = skipped = 0
for builddir in sys.argv[1:]:
    log = os.path.join(builddir, "meson-logs", "testlog.json")
    try:
        with open(log, encoding="utf-8") as f:
            results = [json.loads(line)["result"] for line in f if line.strip()]
    except OSError as e:
        print(f"test-summary: {log}: {e.strerror}", file=sys.stderr)
        failed += 1
        continue
    for result in results:
        if result in PASSED:
            passed += 1
        elif result in SKIPPED:
            skipped += 1
        else:
            failed += 1

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if failed == 0 and passed > 0 else 1)
