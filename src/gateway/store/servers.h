// The pool of servers (BlueMeet nodes or BigBlueButton servers). Admin
// changes (add, update, panic, remove) run in their own transaction that
// bumps config_version (see schema.h); poll results are operational state and
// bump nothing. Values outside the schema's CHECKs throw store::StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/store/schema.h"

namespace bluemeet::gateway::db {

struct Server {
  std::int64_t id = 0;
  std::string url;                    // the API base, e.g. https://bbb1.example.org/bigbluebutton/api
  std::string secret;
  std::string tags;                   // comma-separated
  double multiplier = 1.0;            // load multiplier, > 0
  std::int64_t capacity = 0;          // participants; 0 = unlimited
  std::string admin_state = "enabled";  // "enabled", "cordoned", "disabled"
  std::string health = "offline";     // "online", "unstable", "offline"
  std::int64_t meetings = 0;          // as last polled
  std::int64_t participants = 0;      // as last polled
  std::optional<std::int64_t> polled_at;  // never polled yet: empty
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct NewServer {
  std::string url;
  std::string secret;
  std::string tags;
  double multiplier = 1.0;
  std::int64_t capacity = 0;
  std::string admin_state = "enabled";
};

// What update_server changes; fields left empty keep their value.
// Fill by name: ServerChanges{.capacity = 50}.
struct ServerChanges {
  std::optional<std::string> admin_state = {};
  std::optional<std::string> tags = {};
  std::optional<double> multiplier = {};
  std::optional<std::int64_t> capacity = {};
  std::optional<std::string> secret = {};
};

struct PollResult {
  std::string health;  // "online", "unstable", "offline"
  std::int64_t meetings = 0;
  std::int64_t participants = 0;
  std::int64_t polled_at = 0;
};

// A new server, health "offline" until polls say otherwise. url_taken refuses.
Added add_server(store::Connection& c, const NewServer& s, std::int64_t now);

std::vector<Server> list_servers(store::Connection& c);  // by id
std::optional<Server> get_server(store::Connection& c, std::int64_t id);
std::optional<Server> get_server_by_url(store::Connection& c, const std::string& url);

// All in one admin change; not_found when there is no such server.
Outcome update_server(store::Connection& c, std::int64_t id, const ServerChanges& changes, std::int64_t now);
Outcome set_server_admin_state(store::Connection& c, std::int64_t id, const std::string& state, std::int64_t now);

// Not an admin change. False when there is no such server.
bool record_server_poll(store::Connection& c, std::int64_t id, const PollResult& poll);

// `panic`: disables the server and detaches its live meetings (server_id
// NULL), so each is placed again on its next create or join. Returns how
// many meetings were detached, or nothing when there is no such server.
std::optional<std::int64_t> panic_server(store::Connection& c, std::int64_t id, std::int64_t now);

// Deletes the server; its meetings keep their rows with server_id NULL (the
// live ones fail over on next use).
Outcome remove_server(store::Connection& c, std::int64_t id);

}  // namespace bluemeet::gateway::db
