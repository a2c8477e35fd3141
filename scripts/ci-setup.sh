#!/usr/bin/env bash
# System packages the tests use beyond npm, installed only when missing and only where apt is available:
# Debian's prometheus, which test/e2e/prometheus.test.ts starts to scrape the server (that test is skipped without
# it). A failed install does not fail CI: the test then says it was skipped.
set -euo pipefail
if [ -x /usr/bin/prometheus ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-setup: no apt-get; /usr/bin/prometheus missing, its test will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ci-setup: not root and no sudo; /usr/bin/prometheus missing, its test will be skipped" >&2
    exit 0
  fi
fi
{ $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus; } \
  || echo "ci-setup: installing prometheus failed; its test will be skipped" >&2
