#include "cli/admin_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

#include "bbb/query.h"
#include "cli/admin_recordings.h"
#include "cli/common_options.h"
#include "gateway/admin_ops.h"
#include "gateway/store/schema.h"
#include "gateway/store/servers.h"
#include "gateway/store/tenants.h"
#include "store/store.h"
#include "util/clock.h"

namespace bluemeet::cli {
namespace {

struct AdminOptions {
  std::string data_dir;
  std::string db_url;
  // tenants
  std::string name, secret, state;
  std::int64_t max_meetings = -1, max_per_meeting = -1, max_participants = -1;
  std::vector<std::string> defaults, forced;
  bool clear_params = false;
  // servers
  std::string url, server;  // server: id or URL
  std::vector<std::string> tags;
  double multiplier = 1.0;
  std::int64_t capacity = 0;
  bool cordoned = false;
};

std::unique_ptr<store::Store> open_store(const AdminOptions& o) {
  if (o.db_url.empty() && o.data_dir.empty()) throw std::runtime_error("give the gateway's --data DIR or --db URL");
  std::string url = o.db_url.empty() ? "sqlite:" + (std::filesystem::path(o.data_dir) / "gateway.db").string() : o.db_url;
  if (o.db_url.empty()) std::filesystem::create_directories(o.data_dir);
  auto s = store::Store::open(url);
  s->migrate(gateway::db::gateway_migrations());
  return s;
}

int report(gateway::db::Outcome o, const std::string& what) {
  if (o == gateway::db::Outcome::done) {
    std::printf("%s\n", what.c_str());
    return 0;
  }
  std::fprintf(stderr, "bluemeet admin: %s\n", std::string(gateway::db::outcome_name(o)).c_str());
  return 1;
}

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::optional<gateway::db::Server> find_server(store::Connection& c, const std::string& key) {
  if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos)
    return gateway::db::get_server(c, std::stoll(key));
  return gateway::db::get_server_by_url(c, key);
}

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
}

std::string limit(std::int64_t n) { return n == 0 ? "-" : std::to_string(n); }

}  // namespace

std::function<int()> add_admin_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("admin", "Manage the gateway's tenants and servers (a running gateway follows within a second)");
  cmd->require_subcommand(1);
  auto common = std::make_shared<CommonOptions>();
  auto o = std::make_shared<AdminOptions>();
  add_common_options(*cmd, *common);
  add(*cmd, "data", o->data_dir, "The gateway's data directory (its SQLite database)");
  add(*cmd, "db", o->db_url, "The gateway's PostgreSQL URL, when it uses one");

  using Action = std::function<int(store::Store&)>;
  auto action = std::make_shared<Action>();
  auto on = [action](CLI::App* sub, Action a) { sub->callback([action, a] { *action = a; }); };
  namespace db = gateway::db;

  auto* tenants = cmd->add_subcommand("tenants", "Member organizations and their secrets")->require_subcommand(1);
  auto* t_add = tenants->add_subcommand("add", "Add a tenant (state: active unless --state); prints its secret");
  t_add->add_option("name", o->name, "Tenant name: a DNS label, e.g. unipd")->required();
  t_add->add_option("--secret", o->secret, "Its secret (default: a new random one)");
  t_add->add_option("--state", o->state, "requested, testing, active or suspended")->default_str("active");
  on(t_add, [o](store::Store& s) {
    gateway::admin::NewTenant nt{o->name, o->secret, o->state.empty() ? "active" : o->state};
    auto added = s.run_sync([&](store::Connection& c) { return gateway::admin::add_tenant(c, nt, util::now_millis()); });
    if (added.outcome != db::Outcome::done) return report(added.outcome, "");
    std::printf("tenant %s (%s)\nsecret: %s\n", nt.name.c_str(), nt.state.c_str(), added.secret.c_str());
    return 0;
  });
  auto* t_list = tenants->add_subcommand("list", "List tenants");
  on(t_list, [](store::Store& s) {
    auto all = s.run_sync([](store::Connection& c) { return db::list_tenants(c); });
    std::vector<std::vector<std::string>> rows{{"NAME", "STATE", "SECRETS", "MAX MEETINGS", "MAX PER MEETING", "MAX PARTICIPANTS"}};
    for (const auto& t : all)
      rows.push_back({t.name, t.state, std::to_string(t.secrets.size()), limit(t.limits.max_meetings),
                      limit(t.limits.max_participants_per_meeting), limit(t.limits.max_participants)});
    print_table(rows);
    return 0;
  });
  auto* t_show = tenants->add_subcommand("show", "Show a tenant, its secrets and parameters");
  t_show->add_option("name", o->name)->required();
  on(t_show, [o](store::Store& s) {
    auto t = s.run_sync([&](store::Connection& c) { return db::get_tenant(c, o->name); });
    if (!t) return report(db::Outcome::not_found, "");
    std::printf("name: %s\nstate: %s\nmax meetings: %s\nmax participants per meeting: %s\nmax participants: %s\n"
                "default parameters: %s\nforced parameters: %s\n",
                t->name.c_str(), t->state.c_str(), limit(t->limits.max_meetings).c_str(),
                limit(t->limits.max_participants_per_meeting).c_str(), limit(t->limits.max_participants).c_str(),
                t->default_params.c_str(), t->forced_params.c_str());
    for (const auto& sec : t->secrets) std::printf("secret: %s\n", sec.c_str());
    return 0;
  });
  auto* t_set = tenants->add_subcommand("set", "Change a tenant's state, limits or create parameters");
  t_set->add_option("name", o->name)->required();
  t_set->add_option("--state", o->state, "requested, testing, active or suspended");
  t_set->add_option("--max-meetings", o->max_meetings, "Concurrent meetings (0: unlimited)");
  t_set->add_option("--max-participants-per-meeting", o->max_per_meeting, "Participants in one meeting (0: unlimited)");
  t_set->add_option("--max-participants", o->max_participants, "Participants in all its meetings (0: unlimited)");
  t_set->add_option("--default", o->defaults, "key=value: a create parameter used when the client sends none (repeatable)");
  t_set->add_option("--force", o->forced, "key=value: a create parameter that replaces the client's (repeatable)");
  t_set->add_flag("--clear-params", o->clear_params, "Forget all default and forced parameters first");
  on(t_set, [o](store::Store& s) {
    auto now = util::now_millis();
    auto t = s.run_sync([&](store::Connection& c) { return db::get_tenant(c, o->name); });
    if (!t) return report(db::Outcome::not_found, "");
    db::TenantChanges ch;
    if (!o->state.empty()) {
      gateway::admin::check_state(o->state);
      ch.state = o->state;
    }
    if (o->max_meetings >= 0 || o->max_per_meeting >= 0 || o->max_participants >= 0) {
      auto l = t->limits;
      if (o->max_meetings >= 0) l.max_meetings = o->max_meetings;
      if (o->max_per_meeting >= 0) l.max_participants_per_meeting = o->max_per_meeting;
      if (o->max_participants >= 0) l.max_participants = o->max_participants;
      ch.limits = l;
    }
    if (o->clear_params || !o->defaults.empty() || !o->forced.empty()) {
      ch.default_params = gateway::admin::merge_params(t->default_params, o->defaults, o->clear_params);
      ch.forced_params = gateway::admin::merge_params(t->forced_params, o->forced, o->clear_params);
    }
    auto out = s.run_sync([&](store::Connection& c) { return db::update_tenant(c, o->name, ch, now); });
    return report(out, "tenant " + o->name + " updated");
  });
  for (auto [verb, state] : {std::pair{"suspend", "suspended"}, std::pair{"activate", "active"}}) {
    auto* sub = tenants->add_subcommand(verb, std::string("Set a tenant's state to ") + state);
    sub->add_option("name", o->name)->required();
    on(sub, [o, st = std::string(state)](store::Store& s) {
      auto out = s.run_sync([&](store::Connection& c) { return db::set_tenant_state(c, o->name, st, util::now_millis()); });
      return report(out, "tenant " + o->name + " is " + st);
    });
  }
  auto* t_rotate = tenants->add_subcommand("rotate-secret",
                                           "Add a new secret (both work until 'remove-secret' retires the old one)");
  t_rotate->add_option("name", o->name)->required();
  t_rotate->add_option("--secret", o->secret, "The new secret (default: a new random one)");
  on(t_rotate, [o](store::Store& s) {
    std::string secret = o->secret.empty() ? gateway::admin::random_secret() : o->secret;
    auto out = s.run_sync([&](store::Connection& c) { return db::add_tenant_secret(c, o->name, secret, util::now_millis()); });
    return report(out, "new secret: " + secret);
  });
  auto* t_unsecret = tenants->add_subcommand("remove-secret", "Retire one of a tenant's secrets (never the last)");
  t_unsecret->add_option("name", o->name)->required();
  t_unsecret->add_option("secret", o->secret)->required();
  on(t_unsecret, [o](store::Store& s) {
    auto out = s.run_sync([&](store::Connection& c) { return db::remove_tenant_secret(c, o->name, o->secret); });
    return report(out, "secret removed");
  });
  auto* t_remove = tenants->add_subcommand("remove", "Remove a tenant (only without live meetings)");
  t_remove->add_option("name", o->name)->required();
  on(t_remove, [o](store::Store& s) {
    auto out = s.run_sync([&](store::Connection& c) { return db::remove_tenant(c, o->name); });
    return report(out, "tenant " + o->name + " removed");
  });

  auto* servers = cmd->add_subcommand("servers", "The pool of conference servers")->require_subcommand(1);
  auto* s_add = servers->add_subcommand("add", "Add a server: its API URL and secret");
  s_add->add_option("url", o->url, "e.g. https://bbb1.example.org/bigbluebutton/api")->required();
  s_add->add_option("secret", o->secret, "The server's shared secret")->required();
  s_add->add_option("--tag", o->tags, "A tag (repeatable); 'test' receives tenants in testing");
  s_add->add_option("--multiplier", o->multiplier, "Load multiplier: > 1 for a weaker server")->check(CLI::PositiveNumber);
  s_add->add_option("--capacity", o->capacity, "Participants it takes at most (0: unlimited)");
  s_add->add_flag("--cordoned", o->cordoned, "Add it cordoned: polled, but given no new meetings yet");
  on(s_add, [o](store::Store& s) {
    std::string url = gateway::admin::normalize_api_url(o->url);
    db::NewServer ns{url, o->secret, join_tags(o->tags), o->multiplier, o->capacity, o->cordoned ? "cordoned" : "enabled"};
    auto added = s.run_sync([&](store::Connection& c) { return db::add_server(c, ns, util::now_millis()); });
    return report(added.outcome, "server " + std::to_string(added.id) + " " + url);
  });
  auto* s_list = servers->add_subcommand("list", "List servers");
  on(s_list, [](store::Store& s) {
    auto all = s.run_sync([](store::Connection& c) { return db::list_servers(c); });
    std::vector<std::vector<std::string>> rows{{"ID", "URL", "STATE", "HEALTH", "TAGS", "MULTIPLIER", "CAPACITY"}};
    for (const auto& v : all) {
      std::ostringstream m;
      m << v.multiplier;
      rows.push_back({std::to_string(v.id), v.url, v.admin_state, v.health, v.tags.empty() ? "-" : v.tags, m.str(),
                      limit(v.capacity)});
    }
    print_table(rows);
    return 0;
  });
  for (auto [verb, state] : {std::pair{"enable", "enabled"}, std::pair{"cordon", "cordoned"}, std::pair{"disable", "disabled"}}) {
    auto* sub = servers->add_subcommand(verb, std::string("Set a server ") + state);
    sub->add_option("server", o->server, "Its id or URL")->required();
    on(sub, [o, st = std::string(state)](store::Store& s) {
      auto out = s.run_sync([&](store::Connection& c) {
        auto srv = find_server(c, o->server);
        return srv ? db::set_server_admin_state(c, srv->id, st, util::now_millis()) : db::Outcome::not_found;
      });
      return report(out, "server " + o->server + " " + st);
    });
  }
  auto* s_panic = servers->add_subcommand("panic", "Disable a server and move its meetings elsewhere on their next use");
  s_panic->add_option("server", o->server, "Its id or URL")->required();
  on(s_panic, [o](store::Store& s) {
    auto moved = s.run_sync([&](store::Connection& c) -> std::optional<std::int64_t> {
      auto srv = find_server(c, o->server);
      if (!srv) return std::nullopt;
      return db::panic_server(c, srv->id, util::now_millis());
    });
    if (!moved) return report(db::Outcome::not_found, "");
    std::printf("server %s disabled; %lld meetings will be recreated elsewhere\n", o->server.c_str(),
                static_cast<long long>(*moved));
    return 0;
  });
  auto* s_remove = servers->add_subcommand("remove", "Remove a server");
  s_remove->add_option("server", o->server, "Its id or URL")->required();
  on(s_remove, [o](store::Store& s) {
    auto out = s.run_sync([&](store::Connection& c) {
      auto srv = find_server(c, o->server);
      return srv ? db::remove_server(c, srv->id) : db::Outcome::not_found;
    });
    return report(out, "server " + o->server + " removed");
  });

  add_admin_recordings(*cmd, on);

  auto* status = cmd->add_subcommand("status", "Servers with their health, meetings and participants");
  on(status, [](store::Store& s) {
    auto all = s.run_sync([](store::Connection& c) { return db::list_servers(c); });
    std::vector<std::vector<std::string>> rows{{"ID", "URL", "STATE", "HEALTH", "MEETINGS", "PARTICIPANTS", "POLLED"}};
    auto now = util::now_millis();
    for (const auto& v : all)
      rows.push_back({std::to_string(v.id), v.url, v.admin_state, v.health, std::to_string(v.meetings),
                      std::to_string(v.participants), v.polled_at ? std::to_string((now - *v.polled_at) / 1000) + "s ago" : "never"});
    print_table(rows);
    return 0;
  });

  return [cmd, common, o, action]() -> int {
    if (!cmd->parsed()) return -1;
    setup_logging(*common);
    auto s = open_store(*o);
    return (*action)(*s);
  };
}

}  // namespace bluemeet::cli
