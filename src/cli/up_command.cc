#include "cli/up_command.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "cli/common_options.h"
#include "node/run_node.h"
#include "util/random.h"

namespace bluemeet::cli {
namespace {

// The secret is made once and kept, so that a restart does not break clients configured with it.
std::string load_or_make_secret(const std::filesystem::path& file) {
  if (std::ifstream in(file); in) {
    std::string s;
    std::getline(in, s);
    if (!s.empty()) return s;
  }
  std::string secret = util::random_alnum(40);
  std::filesystem::create_directories(file.parent_path());
  {
    std::ofstream out(file);
    out << secret << "\n";
  }
  ::chmod(file.c_str(), 0600);
  return secret;
}

}  // namespace

std::function<int()> add_up_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("up", "Run BlueMeet on this machine with embedded storage (demo and development)");
  auto common = std::make_shared<CommonOptions>();
  auto data = std::make_shared<std::string>("bluemeet-data");
  auto listen = std::make_shared<std::string>("127.0.0.1:8090");
  auto public_url = std::make_shared<std::string>();
  add_common_options(*cmd, *common);
  add(*cmd, "data", *data, "Directory for all state (databases, secrets)");
  add(*cmd, "listen", *listen, "Address and port of the conference node");
  add(*cmd, "public-url", *public_url, "URL at which browsers reach it (default: http://<listen>)");
  return [cmd, common, data, listen, public_url]() -> int {
    if (!cmd->parsed()) return -1;
    setup_logging(*common);
    namespace fs = std::filesystem;
    fs::path root = fs::absolute(*data);
    node::NodeConfig cfg;
    cfg.listen = *listen;
    cfg.public_url = *public_url;
    cfg.data_dir = (root / "node").string();
    cfg.secret = load_or_make_secret(root / "node" / "secret");
    std::printf("BlueMeet is starting. BigBlueButton API secret: %s (kept in %s)\n", cfg.secret.c_str(),
                (root / "node" / "secret").c_str());
    std::printf("Point any BigBlueButton client (Greenlight, Moodle, ...) at the API URL below with this secret.\n");
    std::fflush(stdout);
    return node::run_node(cfg);
  };
}

}  // namespace bluemeet::cli
