// The TOML configuration file (--config FILE, or BLUEMEET_CONFIG): its keys
// are the long option names. Top-level keys apply to whichever subcommand
// runs; a table named after the subcommand ([node], [gateway], ...) applies
// to that one only and wins over top-level keys. An option given as a flag
// or as BLUEMEET_* in the environment wins over the file.
#pragma once

#include <string>
#include <vector>

namespace bluemeet::cli {

// Returns argv with the file's settings inserted as flags after the
// subcommand, leaving out those already given on the command line or in the
// environment. Throws std::runtime_error naming the file and line on a parse error.
std::vector<std::string> expand_config_file(const std::vector<std::string>& argv);

}  // namespace bluemeet::cli
