#!/usr/bin/python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# atspi-listen.py PID: hears what a screen reader hears from process PID
# and prints it, one event a line, until its standard input closes:
#   focus<TAB>PATH<TAB>         an object gained the focus
#   name<TAB>PATH<TAB>NAME      an object's accessible name changed to NAME
# PATH identifies the accessible object, so a row that is replaced by
# a new object shows as a new PATH. Prints "ready" once listening. Exit
# 77 when AT-SPI is not available. Used by test-ranking-page.c; needs
# python3-gi and gir1.2-atspi-2.0 (/usr/bin/python3 on Debian).
import os
import sys

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
except (ImportError, ValueError):
    sys.exit(77)

pid = int(sys.argv[1])


def path_of(obj):
    try:
        return obj.path
    except AttributeError:
        return "?"


def on_event(event):
    source = event.source
    try:
        if source is None or source.get_process_id() != pid:
            return
    except GLib.Error:
        return
    # Only what the event itself carries: asking the application back
    # (its name, say) would race with the change and read a cache.
    if event.type.startswith("object:state-changed:focused"):
        if event.detail1 != 1:
            return
        print("focus\t%s\t" % path_of(source), flush=True)
    elif isinstance(event.any_data, str):
        print("name\t%s\t%s" % (path_of(source), event.any_data), flush=True)


def on_stdin(fd, condition):
    if condition & (GLib.IO_HUP | GLib.IO_ERR) or os.read(fd, 1024) == b"":
        loop.quit()
        return False
    return True


listener = Atspi.EventListener.new(on_event)
if not listener.register("object:state-changed:focused") or \
        not listener.register("object:property-change:accessible-name"):
    sys.exit(77)
loop = GLib.MainLoop()
GLib.unix_fd_add_full(GLib.PRIORITY_DEFAULT, sys.stdin.fileno(),
                      GLib.IO_IN | GLib.IO_HUP | GLib.IO_ERR, on_stdin)
print("ready", flush=True)
loop.run()
