// Options every subcommand shares, and the rule that ties flags, the TOML
// file and the environment together: --some-name, `some-name = ...` in the
// file given with --config, and BLUEMEET_SOME_NAME all set the same thing
// (a flag wins over the environment, which wins over the file).
#pragma once

#include <CLI/App.hpp>
#include <string>

namespace bluemeet::cli {

struct CommonOptions {
  std::string log_level = "info";
};

// Adds --config and --log-level to a subcommand.
void add_common_options(CLI::App& cmd, CommonOptions& opts);
// Adds --name bound to value, with BLUEMEET_NAME as its environment variable.
template <class T>
CLI::Option* add(CLI::App& cmd, const std::string& name, T& value, const std::string& help) {
  std::string env = "BLUEMEET_";
  for (char c : name) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return cmd.add_option("--" + name, value, help)->envname(env)->capture_default_str();
}
CLI::Option* add_flag(CLI::App& cmd, const std::string& name, bool& value, const std::string& help);
void setup_logging(const CommonOptions& opts);

}  // namespace bluemeet::cli
