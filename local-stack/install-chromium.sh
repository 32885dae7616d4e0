#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests (src/test/java/org/camelshop/web), only when
# they are missing. Called by the tests themselves, so `mvn -B verify` on a fresh Debian machine needs nothing else.
# Needs root, or sudo without a password. `apt-get update` runs only if the first install attempt fails.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
# two test JVMs may both find it missing: the second apt waits for the first one's lock instead of failing
install() { "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium chromium-driver; }
if ! install; then
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update
  install
fi
test -x /usr/bin/chromium && test -x /usr/bin/chromedriver
