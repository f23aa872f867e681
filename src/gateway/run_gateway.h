// `bluemeet gateway`: serves until SIGINT/SIGTERM; returns the exit code.
// Prints "listening on <public url>" on stdout once it serves.
#pragma once

#include "gateway/config.h"

namespace bluemeet::gateway {

int run_gateway(GatewayConfig config);

}  // namespace bluemeet::gateway
