#!/usr/bin/env bash
# Installs every Debian 12 (bookworm) package BlueMeet needs to build, run and
# test. Run as root. Safe to run again: apt skips what is installed.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (or with sudo)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache git ca-certificates curl
  # libraries (Boost 1.81 for Asio/Beast coroutines, Boost.URL and Boost.JSON)
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libssl-dev libsqlite3-dev libpq-dev libpugixml-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libarchive-dev libargon2-dev
  # tests: GoogleTest, a PostgreSQL server on loopback, a browser for end-to-end tests
  libgtest-dev libgmock-dev postgresql chromium
  # media: Janus (AudioBridge, VideoRoom), started by the node; janus-pp-rec and ffmpeg for recordings
  janus janus-tools ffmpeg
)

apt_get() { apt-get -o DPkg::Lock::Timeout=600 "$@"; }  # wait for unattended upgrades instead of failing
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

# Node.js builds the web front-ends and runs the integration tests; any
# Node 18 or newer will do, so an existing installation is kept.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null; then
  apt_get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
echo "install-deps.sh: all packages installed (node $(node --version), cmake $(cmake --version | head -1 | awk '{print $3}'))"
