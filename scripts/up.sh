#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root) to a running BlueMeet:
# installs the packages, builds, and starts `bluemeet up`. Arguments go to
# `bluemeet up` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
exec ./build/bluemeet up "$@"
