# Installs what the test suite needs and the project cannot bring itself. Sourced by bin/test.
# Debian packages: supervisor (the reference supervisord 4.2.5 for the differential tests, run with Debian's
# /usr/bin/python3), util-linux (setpriv for user switching, unshare for the PID-namespace test), chromium and
# Node.js with npm (the web page's browser test); then playwright-core, pinned by src/test/e2e-web/package-lock.json.
# As root it installs what is missing; otherwise it names the packages and exits 2 before any test runs.

s4j_provision() {
  local root=$1 need=()
  dpkg -s supervisor >/dev/null 2>&1 || need+=(supervisor)
  { command -v setpriv && command -v unshare; } >/dev/null 2>&1 || need+=(util-linux)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "bin/test: the tests need these Debian packages, which are missing: ${need[*]}" >&2
      echo "bin/test: install them as root (apt-get install ${need[*]}) or run bin/test as root, then try again" >&2
      exit 2
    fi
    echo "bin/test: installing Debian packages: ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if [ ! -d "$root/src/test/e2e-web/node_modules/playwright-core" ]; then
    echo "bin/test: installing playwright-core (npm ci in src/test/e2e-web)" >&2
    (cd "$root/src/test/e2e-web" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}
