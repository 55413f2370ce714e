#!/bin/sh
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layering (CONTRIBUTING.md): src/core and src/charts never include
# GTK, GDK or libadwaita, and nothing below the app includes the app's or
# the CLI's headers. One TAP line per source file of the two layers.
srcdir=${1:-${PR_SOURCE_ROOT:-.}}
cd "$srcdir" || exit 1

# One pattern for all: GTK's, libadwaita's and every app or CLI header.
pattern='^#include[[:space:]]*[<"](gtk/|gdk/|adwaita\.h|libadwaita'
for h in $(cd src/app && ls *.h) $(cd src/cli && ls *.h); do
  pattern="$pattern|$(printf '%s' "$h" | sed 's/\./\\./g')\""
done
pattern="$pattern)"
n=0
fail=0
out=""
for f in $(ls src/core/*.c src/core/*.h src/charts/*.c src/charts/*.h); do
  n=$((n + 1))
  bad=$(grep -nE "$pattern" "$f" | head -n 1)
  if [ -z "$bad" ]; then
    out="$out
ok $n - $f stays below the app and the CLI"
  else
    out="$out
not ok $n - $f includes what its layer must not: $bad"
    fail=1
  fi
done
echo "1..$n$out"
exit $fail
