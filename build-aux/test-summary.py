#!/usr/bin/env python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints 'N passed, N failed, N skipped' for the last `meson test` runs
of the build folders given (every testlog*.json in each: a folder may hold
several runs, each with its --logbase); exits 1 when any failed or none
ran."""
import glob
import json
import os
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}

passed = failed = skipped = 0
def results_of(builddir):
    logs = sorted(glob.glob(os.path.join(builddir, "meson-logs", "testlog*.json")))
    if not logs:
        print(f"test-summary: {builddir}: no test log", file=sys.stderr)
        return None
    results = []
    for log in logs:
        with open(log, encoding="utf-8") as f:
            results += [json.loads(line)["result"] for line in f if line.strip()]
    return results


for builddir in sys.argv[1:]:
    results = results_of(builddir)
    if results is None:
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
