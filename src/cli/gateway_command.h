#pragma once

#include <CLI/App.hpp>
#include <functional>

namespace bluemeet::cli {

// Registers `bluemeet gateway`; the returned function runs it after parsing.
std::function<int()> add_gateway_command(CLI::App& app);

}  // namespace bluemeet::cli
