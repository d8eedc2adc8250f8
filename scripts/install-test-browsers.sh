#!/usr/bin/env bash
# Installs what the browser tests use: Debian's Chromium (tests/test_report.py opens report.html
# in it headless, checks the highlighted keywords and takes a screenshot). Where it cannot
# install (not root, no apt-get), it says so and exits 0: those tests then skip.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    echo "chromium: not installed (needs root and apt-get); the browser tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
else
    echo "chromium: apt-get could not install it; the browser tests will skip" >&2
fi
exit 0
