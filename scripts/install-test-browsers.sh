#!/usr/bin/env bash
# Installs what the browser tests use: Debian's Chromium (tests/test_report.py opens report.html
# in it headless, checks the highlighted keywords and takes a screenshot). Without it those
# tests are skipped. Needs root and apt-get; run it once per machine, before the tests.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "no apt-get here: install Chromium as /usr/bin/chromium yourself, or the browser tests skip" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium
