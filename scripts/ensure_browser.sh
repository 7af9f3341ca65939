#!/usr/bin/env bash
# Chromium for the browser tests, from Debian's packages (never a downloaded browser build).
# Installs when missing and the machine allows it (root, or passwordless sudo). Where it
# cannot, the browser tests are skipped with a loud notice, except under CI (CI=true),
# where a missing browser is a failure.
set -uo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

install() {
  "$@" apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    DEBIAN_FRONTEND=noninteractive "$@" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-dejavu-core >/dev/null
}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Chromium for the browser tests (Debian packages chromium chromium-driver)"
  install env || echo "!!! apt-get could not install Chromium" >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "installing Chromium for the browser tests with sudo"
  install sudo || echo "!!! apt-get could not install Chromium" >&2
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "!!! Chromium (/usr/bin/chromium) is missing and could not be installed here." >&2
  echo "!!! The browser tests will be SKIPPED. Install the Debian packages" >&2
  echo "!!! 'chromium chromium-driver' to run them." >&2
  if [ "${CI:-}" = "true" ]; then
    echo "!!! CI=true: a missing browser is a failure." >&2
    exit 1
  fi
fi
exit 0
