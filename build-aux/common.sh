# build-aux/common.sh — shared by build-aux/run, build-aux/test and .ci/run.
# Installs what is missing (Debian 12 / Ubuntu), then configures and builds.
# shellcheck shell=bash

CS_SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_BUILD_DIR="${CS_BUILD_DIR:-$CS_SOURCE_DIR/_build}"

# What building and running needs.
CS_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libsecret-1-dev
  libgnutls28-dev libjson-glib-dev
  desktop-file-utils appstream gnome-keyring dbus dbus-x11 libxml2-utils ca-certificates
)
# What the test suite needs on top: a display, a keyring, the independent provider, and
# flatpak-builder to parse the Flatpak manifest (suite data).
CS_TEST_PACKAGES=(
  xvfb xauth libsecret-tools python3 python3-oauthlib python3-yaml curl
  at-spi2-core python3-pyatspi groff-base libxtst6 valgrind locales flatpak-builder
)

# CI's sanitizer pass is built with clang (its ASan/UBSan runtime is a package of its own).
CS_CLANG_PACKAGES=(clang libclang-rt-dev)

cs_log () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

cs_install_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    cs_log "Missing packages (install them by hand): ${missing[*]}"
    return 1
  fi
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  cs_log "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

# cs_configure BUILD_DIR [MESON ARGS…]: sets up once, reconfigures only when asked to.
cs_configure () {
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    cs_log "Configuring $dir"
    meson setup "$dir" "$CS_SOURCE_DIR" "$@"
  elif [ $# -gt 0 ]; then
    meson configure "$dir" "$@" >/dev/null
  fi
}

cs_build () {
  cs_log "Building $1"
  meson compile -C "$1"
}

# cs_ensure_locale NAME: generates a locale (de_DE.UTF-8 for the language tests) if it is
# missing. glibc 2.37 and later ignore LANGUAGE under the C locale, so a test of a translation
# runs under the real locale of that language.
cs_ensure_locale () {
  local name="$1" sudo=()
  locale -a 2>/dev/null | sed 's/utf8/UTF-8/' | grep -qx "$name" && return 0
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  cs_log "Generating the $name locale"
  if [ -f /etc/locale.gen ] && grep -q "^# *$name " /etc/locale.gen; then
    "${sudo[@]}" sed -i "s/^# *$name /$name /" /etc/locale.gen
    "${sudo[@]}" locale-gen
  else
    "${sudo[@]}" locale-gen "$name"
  fi
}
