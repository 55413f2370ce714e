#!/bin/sh
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every source file with translatable strings must be listed in
# po/POTFILES.in, or its strings silently stay English. Prints TAP.
srcdir=${1:-${PR_SOURCE_ROOT:-.}}
cd "$srcdir" || exit 1

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
found=$( (grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)\(' src --include='*.c'
          grep -rl 'translatable="yes"' src data --include='*.ui'
          ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml data/*.mime.xml 2>/dev/null) | sort -u)

n=0
fail=0
out=""
for f in $found; do
  n=$((n + 1))
  if printf '%s\n' "$listed" | grep -qxF "$f"; then
    out="$out
ok $n - $f is in po/POTFILES.in"
  else
    out="$out
not ok $n - $f has translatable strings but is missing from po/POTFILES.in"
    fail=1
  fi
done
for f in $listed; do
  n=$((n + 1))
  if [ -f "$f" ]; then
    out="$out
ok $n - listed $f exists"
  else
    out="$out
not ok $n - po/POTFILES.in lists $f, which does not exist"
    fail=1
  fi
done
n=$((n + 1))
if [ "$(printf '%s\n' "$listed")" = "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  out="$out
ok $n - po/POTFILES.in is sorted"
else
  out="$out
not ok $n - po/POTFILES.in is not sorted"
  fail=1
fi
echo "1..$n"
printf '%s\n' "$out" | sed '1d'
exit 0
