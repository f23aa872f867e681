#include "gateway/store/meetings.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "gateway/store/meeting_documents.h"

namespace bluemeet::gateway::db {
namespace {

using store::Value;
namespace json = boost::json;

constexpr const char* kMeetingColumns =
    "id, tenant_id, meeting_id, backend_id, server_id, voice_bridge, create_params, internal_id, create_time, "
    "callbacks, created_at, ended_at";

Value optional_id(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

MeetingRow meeting_from_row(const store::Row& r) {
  MeetingRow m;
  m.id = r.integer(0);
  m.tenant_id = r.integer(1);
  m.meeting_id = r.text(2);
  m.backend_id = r.text(3);
  if (!r.is_null(4)) m.server_id = r.integer(4);
  m.voice_bridge = r.text(5);
  m.create_params = r.text(6);
  m.internal_id = r.text(7);
  m.create_time = r.integer(8);
  m.callbacks = r.text(9);
  m.created_at = r.integer(10);
  if (!r.is_null(11)) m.ended_at = r.integer(11);
  return m;
}

std::vector<MeetingRow> meetings_where(store::Connection& c, const std::string& where, const std::vector<Value>& p) {
  std::vector<MeetingRow> out;
  for (const auto& r : c.query(std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE " + where, p))
    out.push_back(meeting_from_row(r));
  return out;
}

std::optional<MeetingRow> first(std::vector<MeetingRow> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

bool exists(store::Connection& c, const char* sql, const std::vector<Value>& p) { return !c.query(sql, p).empty(); }

}  // namespace

Inserted insert_meeting(store::Connection& c, const MeetingRow& m) {
  const std::vector<Value> p{m.tenant_id,     m.meeting_id,  m.backend_id,  optional_id(m.server_id),
                             m.voice_bridge,  m.create_params, m.internal_id, m.create_time,
                             m.callbacks,     m.created_at};
  // ON CONFLICT DO NOTHING rather than catching StoreError::constraint(): a
  // foreign key or CHECK violation also sets constraint() and must not read
  // as "exists", and a failed statement would abort a caller's PostgreSQL
  // transaction. Which key collided is looked up afterwards; if that meeting
  // ended in between, the insert is simply tried again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto rows = c.query(
        "INSERT INTO meetings (tenant_id, meeting_id, backend_id, server_id, voice_bridge, create_params, "
        "internal_id, create_time, callbacks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING RETURNING id",
        p);
    if (!rows.empty()) return {InsertOutcome::inserted, rows.front().integer(0)};
    if (exists(c, "SELECT 1 FROM meetings WHERE tenant_id = ? AND meeting_id = ? AND ended_at IS NULL",
               {m.tenant_id, m.meeting_id}))
      return {InsertOutcome::meeting_exists, 0};
    if (exists(c, "SELECT 1 FROM meetings WHERE backend_id = ? AND ended_at IS NULL", {m.backend_id}))
      return {InsertOutcome::backend_id_taken, 0};
    if (voice_bridge_taken(c, m.voice_bridge)) return {InsertOutcome::voice_bridge_taken, 0};
  }
  throw store::StoreError("insert_meeting: conflicts with a live meeting that keeps ending (or a unique key "
                          "this code does not know)");
}

Inserted insert_meeting_within_limit(store::Connection& c, const MeetingRow& m, std::int64_t max_meetings) {
  store::Transaction t(c);
  if (max_meetings > 0) {
    const std::vector<Value> key{m.tenant_id};
    if (c.dialect() == store::Dialect::postgres) c.query("SELECT id FROM tenants WHERE id = ? FOR UPDATE", key);
    if (count_live_meetings(c, m.tenant_id) >= max_meetings) return {InsertOutcome::over_limit, 0};
  }
  auto inserted = insert_meeting(c, m);
  t.commit();
  return inserted;
}

std::optional<MeetingRow> get_meeting(store::Connection& c, std::int64_t id) {
  return first(meetings_where(c, "id = ?", {id}));
}

std::optional<MeetingRow> find_live_meeting(store::Connection& c, std::int64_t tenant_id,
                                            const std::string& meeting_id) {
  return first(meetings_where(c, "tenant_id = ? AND meeting_id = ? AND ended_at IS NULL", {tenant_id, meeting_id}));
}

std::optional<MeetingRow> find_live_meeting_by_backend_id(store::Connection& c, const std::string& backend_id) {
  return first(meetings_where(c, "backend_id = ? AND ended_at IS NULL", {backend_id}));
}

std::optional<MeetingRow> find_live_meeting_by_internal_id(store::Connection& c, std::int64_t tenant_id,
                                                           const std::string& internal_id) {
  if (internal_id.empty()) return std::nullopt;  // not created on a server yet
  return first(meetings_where(c, "tenant_id = ? AND internal_id = ? AND ended_at IS NULL", {tenant_id, internal_id}));
}

std::optional<MeetingRow> find_latest_meeting(store::Connection& c, const std::string& backend_id) {
  return first(meetings_where(c, "backend_id = ? ORDER BY id DESC LIMIT 1", {backend_id}));
}

std::optional<MeetingRow> find_meeting_on_server(store::Connection& c, const std::string& backend_id,
                                                std::int64_t server_id) {
  return first(meetings_where(c, "backend_id = ? AND server_id = ? ORDER BY id DESC LIMIT 1", {backend_id, server_id}));
}

std::vector<MeetingRow> list_live_meetings_by_tenant(store::Connection& c, std::int64_t tenant_id) {
  return meetings_where(c, "tenant_id = ? AND ended_at IS NULL ORDER BY id", {tenant_id});
}

std::vector<MeetingRow> list_live_meetings_by_server(store::Connection& c, std::int64_t server_id) {
  return meetings_where(c, "server_id = ? AND ended_at IS NULL ORDER BY id", {server_id});
}

std::map<std::int64_t, std::vector<std::string>> live_backend_ids_by_tenant(store::Connection& c) {
  std::map<std::int64_t, std::vector<std::string>> out;
  for (const auto& r : c.query("SELECT tenant_id, backend_id FROM meetings WHERE ended_at IS NULL"))
    out[r.integer(0)].push_back(r.text(1));
  return out;
}

std::int64_t count_live_meetings(store::Connection& c, std::int64_t tenant_id) {
  const std::vector<Value> p{tenant_id};
  return c.query("SELECT COUNT(*) FROM meetings WHERE tenant_id = ? AND ended_at IS NULL", p).at(0).integer(0);
}

bool voice_bridge_taken(store::Connection& c, const std::string& voice_bridge) {
  return exists(c, "SELECT 1 FROM meetings WHERE voice_bridge = ? AND ended_at IS NULL", {voice_bridge});
}

bool reassign_meeting(store::Connection& c, std::int64_t id, std::optional<std::int64_t> from, std::int64_t to) {
  // One statement: on PostgreSQL a racing UPDATE waits for the winner's row
  // lock, then re-checks the WHERE against the winner's row and matches
  // nothing; SQLite runs one writer at a time.
  const char* sql = from ? "UPDATE meetings SET server_id = ?, internal_id = '', create_time = 0 "
                           "WHERE id = ? AND server_id = ? AND ended_at IS NULL"
                         : "UPDATE meetings SET server_id = ?, internal_id = '', create_time = 0 "
                           "WHERE id = ? AND server_id IS NULL AND ended_at IS NULL";
  std::vector<Value> p{to, id};
  if (from) p.emplace_back(*from);
  return c.exec(sql, p) == 1;
}

bool record_meeting_created(store::Connection& c, std::int64_t id, std::int64_t server_id,
                            const std::string& internal_id, std::int64_t create_time) {
  const std::vector<Value> p{internal_id, create_time, id, server_id};
  return c.exec("UPDATE meetings SET internal_id = ?, create_time = ? WHERE id = ? AND server_id = ? AND "
                "ended_at IS NULL",
                p) == 1;
}

bool set_meeting_create_params(store::Connection& c, std::int64_t id, const std::string& create_params) {
  const std::vector<Value> p{create_params, id};
  return c.exec("UPDATE meetings SET create_params = ? WHERE id = ? AND ended_at IS NULL", p) == 1;
}

bool end_meeting(store::Connection& c, std::int64_t id, std::int64_t ended_at) {
  const std::vector<Value> p{ended_at, id};
  if (c.exec("UPDATE meetings SET ended_at = ? WHERE id = ? AND ended_at IS NULL", p) != 1) return false;
  drop_meeting_documents(c, id);
  return true;
}

bool end_meeting_on_server(store::Connection& c, std::int64_t id, std::int64_t server_id, std::int64_t ended_at) {
  const std::vector<Value> p{ended_at, id, server_id};
  if (c.exec("UPDATE meetings SET ended_at = ? WHERE id = ? AND server_id = ? AND ended_at IS NULL", p) != 1)
    return false;
  drop_meeting_documents(c, id);
  return true;
}

std::int64_t purge_ended_meetings(store::Connection& c, std::int64_t before) {
  const std::vector<Value> p{before};
  return c.exec("DELETE FROM meetings WHERE ended_at IS NOT NULL AND ended_at < ?", p);
}

std::string encode_callbacks(const Callbacks& callbacks) {
  json::object o;
  for (const auto& [kind, url] : callbacks) o[kind] = url;
  return json::serialize(o);
}

Callbacks decode_callbacks(std::string_view text) {
  Callbacks out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [kind, url] : v.as_object())
    if (url.is_string()) out.emplace(std::string(kind), std::string(url.as_string()));
  return out;
}

}  // namespace bluemeet::gateway::db
