#!/usr/bin/env bash
# Configures and builds BlueMeet into build/ (or $BUILD_DIR). Extra arguments
# go to CMake's configure step, e.g. -DBLUEMEET_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
