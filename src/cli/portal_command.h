// `bluemeet portal`: an organization's own frontend.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace bluemeet::cli {

// Adds the subcommand; the returned function runs it when it was chosen (else returns -1).
std::function<int()> add_portal_command(CLI::App& app);

}  // namespace bluemeet::cli
