#pragma once

#include <CLI/App.hpp>
#include <functional>

namespace bluemeet::cli {

// Registers `bluemeet admin`: tenants, servers and status, on the gateway's
// database. A running gateway applies the changes within a second.
std::function<int()> add_admin_command(CLI::App& app);

}  // namespace bluemeet::cli
