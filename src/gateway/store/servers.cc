#include "gateway/store/servers.h"

#include "gateway/store/admin_tx.h"

namespace bluemeet::gateway::db {
namespace {

using store::Value;

constexpr const char* kServerColumns =
    "id, url, secret, tags, multiplier, capacity, admin_state, health, meetings, participants, polled_at, "
    "created_at, updated_at";

Server server_from_row(const store::Row& r) {
  Server s;
  s.id = r.integer(0);
  s.url = r.text(1);
  s.secret = r.text(2);
  s.tags = r.text(3);
  s.multiplier = r.real(4);
  s.capacity = r.integer(5);
  s.admin_state = r.text(6);
  s.health = r.text(7);
  s.meetings = r.integer(8);
  s.participants = r.integer(9);
  if (!r.is_null(10)) s.polled_at = r.integer(10);
  s.created_at = r.integer(11);
  s.updated_at = r.integer(12);
  return s;
}

std::optional<Server> one_server(store::Connection& c, const char* where, const Value& key) {
  const std::vector<Value> p{key};
  auto rows = c.query(std::string("SELECT ") + kServerColumns + " FROM servers WHERE " + where, p);
  if (rows.empty()) return std::nullopt;
  return server_from_row(rows.front());
}

}  // namespace

Added add_server(store::Connection& c, const NewServer& s, std::int64_t now) {
  return detail::admin_change(c, [&]() -> Added {
    const std::vector<Value> p{s.url, s.secret, s.tags, s.multiplier, s.capacity, s.admin_state, now, now};
    auto rows = c.query(
        "INSERT INTO servers (url, secret, tags, multiplier, capacity, admin_state, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        p);
    if (rows.empty()) return {Outcome::url_taken, 0};
    return {Outcome::done, rows.front().integer(0)};
  });
}

std::vector<Server> list_servers(store::Connection& c) {
  std::vector<Server> out;
  for (const auto& r : c.query(std::string("SELECT ") + kServerColumns + " FROM servers ORDER BY id"))
    out.push_back(server_from_row(r));
  return out;
}

std::optional<Server> get_server(store::Connection& c, std::int64_t id) { return one_server(c, "id = ?", id); }

std::optional<Server> get_server_by_url(store::Connection& c, const std::string& url) {
  return one_server(c, "url = ?", url);
}

Outcome update_server(store::Connection& c, std::int64_t id, const ServerChanges& changes, std::int64_t now) {
  return detail::admin_change(c, [&] {
    std::string sql = "UPDATE servers SET updated_at = ?";
    std::vector<Value> p{now};
    auto set = [&](const char* column, Value v) {
      sql += std::string(", ") + column + " = ?";
      p.push_back(std::move(v));
    };
    if (changes.admin_state) set("admin_state", *changes.admin_state);
    if (changes.tags) set("tags", *changes.tags);
    if (changes.multiplier) set("multiplier", *changes.multiplier);
    if (changes.capacity) set("capacity", *changes.capacity);
    if (changes.secret) set("secret", *changes.secret);
    sql += " WHERE id = ?";
    p.emplace_back(id);
    return c.exec(sql, p) == 1 ? Outcome::done : Outcome::not_found;
  });
}

Outcome set_server_admin_state(store::Connection& c, std::int64_t id, const std::string& state, std::int64_t now) {
  ServerChanges ch;
  ch.admin_state = state;
  return update_server(c, id, ch, now);
}

bool record_server_poll(store::Connection& c, std::int64_t id, const PollResult& poll) {
  const std::vector<Value> p{poll.health, poll.meetings, poll.participants, poll.polled_at, id};
  return c.exec("UPDATE servers SET health = ?, meetings = ?, participants = ?, polled_at = ? WHERE id = ?", p) == 1;
}

std::optional<std::int64_t> panic_server(store::Connection& c, std::int64_t id, std::int64_t now) {
  std::optional<std::int64_t> detached;
  detail::admin_change(c, [&] {
    const std::vector<Value> p{now, id};
    if (c.exec("UPDATE servers SET admin_state = 'disabled', updated_at = ? WHERE id = ?", p) != 1)
      return Outcome::not_found;
    const std::vector<Value> q{id};
    detached = c.exec("UPDATE meetings SET server_id = NULL WHERE server_id = ? AND ended_at IS NULL", q);
    return Outcome::done;
  });
  return detached;
}

Outcome remove_server(store::Connection& c, std::int64_t id) {
  return detail::admin_change(c, [&] {
    const std::vector<Value> p{id};
    return c.exec("DELETE FROM servers WHERE id = ?", p) == 1 ? Outcome::done : Outcome::not_found;
  });
}

}  // namespace bluemeet::gateway::db
