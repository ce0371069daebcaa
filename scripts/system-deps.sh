#!/bin/sh
# Installs the Debian packages that the browser and PostgreSQL tests need, when it can.
# Never fails the build: tests that lack a package skip with the reason.
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1 \
    || echo "Could not install$need; the tests that need them will be skipped."
else
  echo "Not root: install$need yourself to run the browser/PostgreSQL tests (they skip otherwise)."
fi
exit 0
