#include "cli/common_options.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace bluemeet::cli {

void add_common_options(CLI::App& cmd, CommonOptions& opts) {
  // Read before parsing by expand_config_file(); declared here for --help and validation.
  cmd.add_option("--config", "TOML file with options (keys are the long option names; flags and BLUEMEET_* win)")
      ->envname("BLUEMEET_CONFIG")
      ->check(CLI::ExistingFile);
  add(cmd, "log-level", opts.log_level, "Log level: trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
}

CLI::Option* add_flag(CLI::App& cmd, const std::string& name, bool& value, const std::string& help) {
  std::string env = "BLUEMEET_";
  for (char c : name) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return cmd.add_flag("--" + name + ",!--no-" + name, value, help)->envname(env)->capture_default_str();
}

void setup_logging(const CommonOptions& opts) {
  // Logs go to stderr; stdout carries only what scripts read (URLs, tables).
  auto logger = spdlog::stderr_color_mt("bluemeet");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(opts.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
}

}  // namespace bluemeet::cli
