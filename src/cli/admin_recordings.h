// `bluemeet admin recordings ...`: operators' view of the gateway's recordings.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "store/store.h"

namespace bluemeet::cli {

using AdminAction = std::function<int(store::Store&)>;
// Adds the recordings subcommands to `admin`; `on(sub, action)` registers
// what a parsed subcommand runs on the opened store.
void add_admin_recordings(CLI::App& admin, const std::function<void(CLI::App*, AdminAction)>& on);

}  // namespace bluemeet::cli
