// bluemeet: one executable, one subcommand per role.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/admin_command.h"
#include "cli/config_file.h"
#include "cli/gateway_command.h"
#include "cli/node_command.h"
#include "cli/portal_command.h"
#include "cli/up_command.h"

int main(int argc, char** argv) {
  CLI::App app{"BlueMeet: open, federated web conferencing that speaks the BigBlueButton API"};
  app.set_version_flag("--version", std::string("bluemeet ") + BLUEMEET_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'bluemeet <command> --help' for a command's options.\n"
             "Every option can also be set in a TOML file (--config) or as BLUEMEET_<OPTION_NAME>.");
  auto run_node = bluemeet::cli::add_node_command(app);
  auto run_gateway = bluemeet::cli::add_gateway_command(app);
  auto run_portal = bluemeet::cli::add_portal_command(app);
  auto run_admin = bluemeet::cli::add_admin_command(app);
  auto run_up = bluemeet::cli::add_up_command(app);
  std::vector<std::string> args;
  try {
    args = bluemeet::cli::expand_config_file(std::vector<std::string>(argv, argv + argc));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bluemeet: %s\n", e.what());
    return 2;
  }
  try {
    // CLI11 takes the arguments in reverse order, without the program name.
    std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    for (auto* run : {&run_node, &run_gateway, &run_portal, &run_admin, &run_up}) {
      int rc = (*run)();
      if (rc >= 0) return rc;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bluemeet: %s\n", e.what());
    return 1;
  }
  return 0;
}
