#include "cli/up_command.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/common_options.h"
#include "gateway/store/schema.h"
#include "gateway/store/servers.h"
#include "gateway/store/tenants.h"
#include "net/http_server.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/random.h"

namespace bluemeet::cli {
namespace {

namespace fs = std::filesystem;

// Secrets are made once and kept, so that a restart does not break clients configured with them.
std::string load_or_make_secret(const fs::path& file) {
  if (std::ifstream in(file); in) {
    std::string s;
    std::getline(in, s);
    if (!s.empty()) return s;
  }
  std::string secret = util::random_alnum(40);
  fs::create_directories(file.parent_path());
  {
    std::ofstream out(file);
    out << secret << "\n";
  }
  ::chmod(file.c_str(), 0600);
  return secret;
}

// A child `bluemeet` process; its stdout is read until it says where it listens.
struct Child {
  pid_t pid = -1;
  std::string url;
  std::string name;
};

Child start_child(const std::string& name, std::vector<std::string> args) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> argv;
    std::string self = fs::read_symlink("/proc/self/exe").string();
    argv.push_back(self.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(self.c_str(), argv.data());
    std::_Exit(127);
  }
  ::close(fds[1]);
  std::string out;
  char buf[256];
  while (out.find('\n') == std::string::npos) {
    auto n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);  // children print nothing more on stdout
  auto pos = out.find("listening on ");
  if (pos == std::string::npos) {
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error(name + " did not start (see the messages above)");
  }
  auto url = out.substr(pos + 13);
  url = url.substr(0, url.find('\n'));
  return Child{pid, url, name};
}

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

}  // namespace

std::function<int()> add_up_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "up",
      "Run BlueMeet on this machine: a gateway, two conference nodes, a demo tenant and its portal, with embedded storage");
  auto common = std::make_shared<CommonOptions>();
  auto data = std::make_shared<std::string>("bluemeet-data");
  auto host = std::make_shared<std::string>("127.0.0.1");
  auto port = std::make_shared<int>(8090);
  auto public_host = std::make_shared<std::string>();
  auto portal_port = std::make_shared<int>(8070);
  add_common_options(*cmd, *common);
  add(*cmd, "data", *data, "Directory for all state (databases, secrets)");
  add(*cmd, "host", *host, "Address to serve on");
  add(*cmd, "port", *port, "Port of the gateway; the nodes take the next two");
  add(*cmd, "public-host", *public_host, "Host name browsers use to reach this machine (default: --host)");
  add(*cmd, "portal-port", *portal_port, "Port of the demo tenant's portal");
  return [cmd, common, data, host, port, public_host, portal_port]() -> int {
    if (!cmd->parsed()) return -1;
    setup_logging(*common);
    fs::path root = fs::absolute(*data);
    std::string shown_host = public_host->empty() ? *host : *public_host;
    auto url_for = [&](int p) { return "http://" + shown_host + ":" + std::to_string(p); };
    std::string level = common->log_level;

    std::vector<Child> children;
    auto stop_all = [&] {
      for (auto& c : children) ::kill(c.pid, SIGTERM);
      for (auto& c : children) ::waitpid(c.pid, nullptr, 0);
    };
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    try {
      std::vector<std::pair<std::string, std::string>> nodes;  // api url, secret
      for (int i = 1; i <= 2; ++i) {
        auto dir = root / ("node" + std::to_string(i));
        auto secret = load_or_make_secret(dir / "secret");
        auto child = start_child("node " + std::to_string(i),
                                 {"node", "--listen", *host + ":" + std::to_string(*port + i), "--data", dir.string(),
                                  "--secret", secret, "--public-url", url_for(*port + i), "--spool",
                                  (root / "recordings" / "spool").string(), "--log-level", level,
                                  // Each node's Janus gets WebRTC ports of its own.
                                  "--media-ports", i == 1 ? "20000-29999" : "30000-39999"});
        nodes.emplace_back(child.url + "/bigbluebutton/api", secret);
        children.push_back(child);
      }
      // The pool and the demo tenant, in the gateway's database, before it starts.
      auto gw_dir = root / "gateway";
      fs::create_directories(gw_dir);
      auto tenant_secret = load_or_make_secret(gw_dir / "demo-tenant-secret");
      {
        auto store = store::Store::open("sqlite:" + (gw_dir / "gateway.db").string());
        store->migrate(gateway::db::gateway_migrations());
        auto now = util::now_millis();
        store->run_sync([&](store::Connection& c) {
          namespace db = gateway::db;
          for (const auto& [url, secret] : nodes) {
            if (auto s = db::get_server_by_url(c, url)) {
              db::ServerChanges ch;
              ch.secret = secret;
              ch.admin_state = "enabled";
              db::update_server(c, s->id, ch, now);
            } else {
              db::add_server(c, db::NewServer{url, secret, "", 1.0, 0, "enabled"}, now);
            }
          }
          if (!db::get_tenant(c, "demo")) db::add_tenant(c, "demo", tenant_secret, now);
          db::set_tenant_state(c, "demo", "active", now);
        });
      }
      auto gw = start_child("gateway", {"gateway", "--listen", *host + ":" + std::to_string(*port), "--data",
                                        gw_dir.string(), "--public-url", url_for(*port), "--tenant-by-secret",
                                        "--recordings", (root / "recordings").string(), "--log-level", level});
      children.push_back(gw);
      // The demo organization's portal, a tenant of the gateway like any BBB app.
      auto portal_dir = root / "portal";
      auto admin_password = load_or_make_secret(portal_dir / "admin-password");
      const std::string admin_email = "admin@bluemeet.local";
      auto portal = start_child("portal", {"portal", "--listen", *host + ":" + std::to_string(*portal_port), "--data",
                                           portal_dir.string(), "--public-url", url_for(*portal_port), "--gateway",
                                           gw.url + "/t/demo/bigbluebutton/api/", "--secret", tenant_secret,
                                           "--site-name", "BlueMeet demo", "--admin-email", admin_email,
                                           "--admin-password", admin_password, "--log-level", level});
      children.push_back(portal);
      std::printf(
          "\nBlueMeet is running.\n\n"
          "  Portal of the demo organization:     %s\n"
          "  Its administrator:                   %s / %s\n\n"
          "  BigBlueButton API of the demo tenant: %s/bigbluebutton/api/\n"
          "                                   or: %s/t/demo/bigbluebutton/api/\n"
          "  Secret:                              %s\n\n"
          "  Conference nodes: %s, %s\n"
          "  Manage it:        bluemeet admin --data %s status\n"
          "  Recordings:       %s (tars in spool/ are imported)\n\n"
          "Point any BigBlueButton client (Greenlight, Moodle, ...) at the API URL with the secret. Ctrl-C stops it.\n",
          portal.url.c_str(), admin_email.c_str(), admin_password.c_str(), gw.url.c_str(), gw.url.c_str(),
          tenant_secret.c_str(), children[0].url.c_str(), children[1].url.c_str(),
          gw_dir.c_str(), (root / "recordings").c_str());
      std::fflush(stdout);
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      stop_all();
      return 1;
    }
    // Supervise: if one part dies, stop the rest rather than run half a system.
    int rc = 0;
    while (!g_stop) {
      int status = 0;
      pid_t pid = ::waitpid(-1, &status, WNOHANG);
      if (pid > 0) {
        for (auto it = children.begin(); it != children.end(); ++it)
          if (it->pid == pid) {
            spdlog::error("{} stopped (status {}); stopping the rest", it->name, status);
            children.erase(it);
            break;
          }
        rc = 1;
        break;
      }
      ::usleep(200 * 1000);
    }
    stop_all();
    return rc;
  };
}

}  // namespace bluemeet::cli
