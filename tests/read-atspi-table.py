#!/usr/bin/python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# read-atspi-table.py PID NAME: prints the rows of the table called NAME
# in process PID as a screen reader reads them through AT-SPI, one row a
# line, cells separated by tabs (a cell's label text, or the accessible
# name of what else it holds). Exit 77 when AT-SPI is not available here,
# 1 when the table is not found. Used by test-results-page.c; needs
# python3-gi and gir1.2-atspi-2.0 (/usr/bin/python3 on Debian).
import sys
import time

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError):
    sys.exit(77)


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def find_table(node, name, depth=0):
    if node is None or depth > 60:
        return None
    if node.get_role_name() in ("tree table", "table") and node.get_name() == name:
        return node
    for i in range(node.get_child_count()):
        found = find_table(node.get_child_at_index(i), name, depth + 1)
        if found is not None:
            return found
    return None


def cell_text(cell):
    for i in range(cell.get_child_count()):
        child = cell.get_child_at_index(i)
        if child.get_role_name() == "label":
            text = child.get_text_iface()
            return text.get_text(0, text.get_character_count())
        return child.get_name() or ""
    return ""


def rows(node, out):
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child.get_role_name() == "table row":
            cells = [child.get_child_at_index(k) for k in range(child.get_child_count())]
            if cells and all(c.get_role_name() == "table cell" for c in cells):
                out.append("\t".join(cell_text(c) for c in cells))
                continue
        rows(child, out)


def main():
    pid, name = int(sys.argv[1]), sys.argv[2]
    table = None
    until = time.monotonic() + 20
    while table is None and time.monotonic() < until:
        app = find_app(pid)
        table = find_table(app, name) if app is not None else None
        if table is None:
            time.sleep(0.2)
    if table is None:
        print("no table named %r in process %d" % (name, pid), file=sys.stderr)
        sys.exit(1)
    out = []
    rows(table, out)
    print("\n".join(out))


main()
