#!/usr/bin/env bash
# Runs a command inside a network namespace of its own, for WebRTC tests:
# Janus and Chromium never gather ICE candidates on loopback, so media needs
# another interface. The namespace has lo and a veth pair whose both ends are
# inside it (bm0 = 10.77.0.1/24, bm1), and nothing else: whatever runs in it
# can reach only those addresses, never the host's networks. Everything in it
# is killed and the namespace removed on exit.
#
# Needs CAP_NET_ADMIN (root). Without it, exits 77, which CTest counts as skipped.
set -euo pipefail

ns="bluemeet-test-$$"
if ! ip netns add "$ns" 2>/dev/null; then
  echo "netns-run.sh: cannot create a network namespace (needs root or CAP_NET_ADMIN); skipped"
  exit 77
fi
cleanup() {
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT

in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link set lo up
in_ns ip link add bm0 type veth peer name bm1
in_ns ip addr add 10.77.0.1/24 dev bm0
in_ns ip link set bm0 up
in_ns ip link set bm1 up

in_ns env BLUEMEET_NETNS="$ns" BLUEMEET_NETNS_ADDR=10.77.0.1 "$@"
