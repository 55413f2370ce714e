#!/usr/bin/env python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# No include circle between units (issue 19, CONTRIBUTING.md). Prints TAP:
# one line per unit of src/, failing a unit that sits on a circle, with the
# circle and the #include lines that close it.
#
# What a unit is:
#
# - A file's unit is its name without the directory, ".c" or ".h", and a
#   "-private" or "-internal" suffix: pr-store.c, pr-store.h and
#   pr-store-private.h are the unit pr-store.
# - A family is one unit: a file named pr-foo-<part>.{c,h} that includes
#   pr-foo-private.h (or pr-foo-internal.h) is part of pr-foo, because the
#   private header shares pr-foo's instance and helpers with exactly those
#   files. So pr-round-page-mail.c and pr-round-page-mail.h belong to
#   pr-round-page, while pr-store-check.c, which includes only pr-store.h,
#   is a unit of its own that uses the store.
# - A file that includes another unit's private header without being of its
#   family (a test seam, a method reading the methods' shared helpers) just
#   depends on that unit.
# - main.c is the unit main of its directory (app/main, cli/main).
#
# A unit depends on every unit whose header one of its files includes with
# #include "…" (system headers <…> and config.h are not units). A circle is
# two or more units reaching each other through these edges.
#
# KNOWN lists the circles left to break, each with why it is still there:
# they are reported as TAP TODO (shown, not failing) while they stay exactly
# as listed; any other circle, or a known one that grows, fails.

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)
SUFFIXES = ('-private', '-internal')

KNOWN = {
}


def unit_of_name(path):
    base = os.path.basename(path)
    stem = base.rsplit('.', 1)[0]
    if stem == 'main':
        return os.path.basename(os.path.dirname(path)) + '/main'
    for suffix in SUFFIXES:
        if stem.endswith(suffix):
            return stem[:-len(suffix)]
    return stem


def is_private(name):
    stem = name.rsplit('.', 1)[0]
    return stem.endswith(SUFFIXES)


def read_includes(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    out = []
    for m in INCLUDE.finditer(text):
        line = text.count('\n', 0, m.start()) + 1
        out.append((os.path.basename(m.group(1)), line))
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('PR_SOURCE_ROOT', '.')
    src = os.path.join(root, 'src')
    files = []
    for dirpath, _dirs, names in os.walk(src):
        for name in names:
            if name.endswith(('.c', '.h')):
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    files.sort()
    by_base = {os.path.basename(f): f for f in files}
    includes = {f: read_includes(os.path.join(root, f)) for f in files}

    # Families: a stem's unit joins the unit whose private header it includes,
    # when its name starts with that unit's name.
    family = {}
    for f in files:
        unit = unit_of_name(f)
        for name, _line in includes[f]:
            if name in by_base and is_private(name):
                owner = unit_of_name(by_base[name])
                if unit != owner and unit.startswith(owner + '-'):
                    family[unit] = owner

    def unit(f):
        u = unit_of_name(f)
        while u in family:
            u = family[u]
        return u

    edges = {}
    why = {}
    for f in files:
        a = unit(f)
        edges.setdefault(a, set())
        for name, line in includes[f]:
            if name not in by_base:
                continue
            b = unit(by_base[name])
            if a == b:
                continue
            edges[a].add(b)
            why.setdefault((a, b), '%s:%d includes "%s"' % (f, line, name))
    units = sorted(edges)

    # Tarjan's strongly connected components, iteratively.
    index = {}
    low = {}
    stack = []
    on_stack = set()
    components = []
    counter = [0]

    def strongconnect(v):
        work = [(v, iter(sorted(edges[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                components.append(comp)

    for u in units:
        edges.setdefault(u, set())
    for u in units:
        if u not in index:
            strongconnect(u)

    def cycle_through(start, comp):
        # Shortest way back to @start inside its component (breadth first).
        members = set(comp)
        prev = {start: None}
        queue = [start]
        while queue:
            node = queue.pop(0)
            for w in sorted(edges[node]):
                if w not in members:
                    continue
                if w == start:
                    path = [node]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    path.reverse()
                    return path + [start]
                if w not in prev:
                    prev[w] = node
                    queue.append(w)
        return [start]

    circle_of = {}
    for comp in components:
        if len(comp) > 1:
            for u in comp:
                circle_of[u] = comp

    print('1..%d' % len(units))
    fail = 0
    for n, u in enumerate(units, 1):
        if u not in circle_of:
            print('ok %d - %s is on no include circle' % (n, u))
            continue
        path = cycle_through(u, circle_of[u])
        known = KNOWN.get(frozenset(circle_of[u]))
        if known is not None:
            print('not ok %d - %s is on an include circle: %s # TODO %s'
                  % (n, u, ' -> '.join(path), known))
        else:
            fail = 1
            print('not ok %d - %s is on an include circle: %s' % (n, u, ' -> '.join(path)))
        for a, b in zip(path, path[1:]):
            print('#   %s' % why[(a, b)])
    return fail


if __name__ == '__main__':
    sys.exit(main())
