#pragma once

#include <CLI/App.hpp>
#include <functional>

namespace bluemeet::cli {

// Registers `bluemeet up`: everything on one machine, for a demo or development.
std::function<int()> add_up_command(CLI::App& app);

}  // namespace bluemeet::cli
