#!/usr/bin/env python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# own-display.py COMMAND [ARGS...]: runs one window test on an X server and
# a D-Bus session of its own, so that window tests can run side by side
# (tests/meson.build). Xvfb picks a free display itself (-displayfd), which
# `xvfb-run -a` cannot do safely when several start at once. Without Xvfb
# or dbus-run-session the test runs as it is (and skips without a display).
# Exits with the test's status. Stopped (SIGTERM, SIGINT), it stops the
# test, the bus and the server with it.

import os
import select
import shutil
import signal
import subprocess
import sys

# How long Xvfb may take to say which display it took.
XVFB_START_SECONDS = 30

xvfb = None
test = None


def descendants(pid):
    """The processes below @pid (Linux: /proc), deepest last."""
    below = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        below.setdefault(ppid, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        for child in below.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def stop(signum, frame):
    """Stops the test, the bus and what it started, and the server."""
    signal.signal(signum, signal.SIG_IGN)
    if test is not None:
        for pid in [test.pid] + descendants(test.pid):
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
    if xvfb is not None:
        xvfb.terminate()
    sys.exit(128 + signum)


def start_xvfb():
    global xvfb
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp", "-noreset"],
                            pass_fds=[write_fd], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([pipe], [], [], XVFB_START_SECONDS)
            chunk = pipe.read(1) if ready else b""
            if not chunk:
                break
            number += chunk
    if not number.strip().isdigit():
        xvfb.kill()
        xvfb.wait()
        return None
    return number.strip().decode()


def main(argv):
    global test
    if not argv:
        print("usage: own-display.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    if shutil.which("Xvfb") is None or shutil.which("dbus-run-session") is None:
        os.execvp(argv[0], argv)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    display = start_xvfb()
    if display is None:
        print("own-display.py: Xvfb did not start", file=sys.stderr)
        return 1

    env = dict(os.environ)
    env["DISPLAY"] = ":" + display
    env["GDK_BACKEND"] = "x11"
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    # Only the test writes to standard output (its TAP): the bus and the
    # services it starts (AT-SPI's registry says hello there) write to
    # standard error.
    tap = os.dup(sys.stdout.fileno())
    test = subprocess.Popen(["dbus-run-session", "--", "sh", "-c", 'exec "$0" "$@" 1>&%d' % tap] + argv,
                            env=env, stdout=sys.stderr.fileno(), pass_fds=[tap])
    os.close(tap)
    try:
        status = test.wait()
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
