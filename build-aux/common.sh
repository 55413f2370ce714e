# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by build-aux/run and build-aux/test: package lists (Debian and
# Ubuntu names) and the configure-and-build step.

# shellcheck shell=bash

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir="$top_srcdir/_build"

build_packages=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsodium-dev libxlsxwriter-dev libglpk-dev
  libgmime-3.0-dev libportal-gtk4-dev
  libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream shared-mime-info
  hicolor-icon-theme adwaita-icon-theme
)
test_packages=(
  xvfb xauth dbus at-spi2-core python3-gi gir1.2-atspi-2.0 libxml2-utils xdotool
  poppler-utils
)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

# Installs what is missing, through sudo when not root. Elsewhere than
# Debian or Ubuntu it says what to install and carries on: the build
# then tells precisely which library is still missing.
ensure_packages() {
  local missing sudo=()
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "peer-rank: this is not a Debian or Ubuntu system; make sure these (Debian names) are installed:" >&2
    echo "  $*" >&2
    return 0
  fi
  mapfile -t missing < <(missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0

  echo "peer-rank: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "peer-rank: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || true
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures once (installing into _build/install so the uninstalled app
# finds its schema, icons, MIME types and translations), then builds.
configure_and_build() {
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$top_srcdir" --prefix="$builddir/install" "$@"
  fi
  meson compile -C "$builddir"
}
