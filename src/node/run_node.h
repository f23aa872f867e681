// `bluemeet node`: serves until SIGINT/SIGTERM. Returns the process exit code.
#pragma once

#include "node/config.h"

namespace bluemeet::node {

// Prints "listening on <public url>" on stdout once ready to serve, so that
// scripts and tests can start it with port 0 and learn the port.
int run_node(NodeConfig config);

}  // namespace bluemeet::node
