#!/usr/bin/env python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# own-display.py COMMAND [ARGS...]: runs one window test on an X server and
# a D-Bus session of its own, so that window tests can run side by side
# (tests/meson.build). Xvfb picks a free display itself (-displayfd), which
# `xvfb-run -a` cannot do safely when several start at once. Without Xvfb
# or dbus-run-session the test runs as it is (and skips without a display).
# Exits with the test's status.

import os
import shutil
import signal
import subprocess
import sys


def main(argv):
    if not argv:
        print("usage: own-display.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    if shutil.which("Xvfb") is None or shutil.which("dbus-run-session") is None:
        os.execvp(argv[0], argv)

    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp", "-noreset"],
                            pass_fds=[write_fd], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip().isdigit():
        xvfb.kill()
        xvfb.wait()
        print("own-display.py: Xvfb did not start", file=sys.stderr)
        return 1

    env = dict(os.environ)
    env["DISPLAY"] = ":" + number.strip().decode()
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
    # meson stops a test that runs too long with SIGTERM: pass it on.
    signal.signal(signal.SIGTERM, lambda signum, frame: test.terminate())
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
