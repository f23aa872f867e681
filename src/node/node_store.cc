#include "node/node_store.h"

#include <array>

#include "delivery/outbox.h"

namespace bluemeet::node {

const std::vector<store::Migration>& node_migrations() {
  static const std::vector<store::Migration> migrations{
      {1, "meetings, hooks, deliveries", std::string(R"SQL(
CREATE TABLE meetings (
  internal_id TEXT PRIMARY KEY,
  external_id TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  voice_bridge TEXT NOT NULL,
  attendee_pw TEXT NOT NULL,
  moderator_pw TEXT NOT NULL,
  params TEXT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX meetings_running ON meetings (ended_at);
CREATE TABLE hooks (
  id INTEGER PRIMARY KEY,
  callback_url TEXT NOT NULL,
  meeting_id TEXT NOT NULL,
  event_ids TEXT NOT NULL,
  raw INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
)SQL") + delivery::kDeliveriesTableSql,
       ""},
      {2, "delivery leases", delivery::kDeliveriesLeaseSql, ""},
  };
  return migrations;
}

void save_meeting(store::Connection& c, const SavedMeeting& m) {
  std::array<store::Value, 7> p{m.internal_id, m.external_id, m.create_time, m.voice_bridge,
                                m.attendee_pw, m.moderator_pw, m.params};
  c.exec("INSERT INTO meetings (internal_id, external_id, create_time, voice_bridge, attendee_pw, moderator_pw, params) "
         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (internal_id) DO NOTHING",
         p);
}

void mark_meeting_ended(store::Connection& c, const std::string& internal_id, std::int64_t end_time) {
  std::array<store::Value, 2> p{end_time, internal_id};
  c.exec("UPDATE meetings SET ended_at = ? WHERE internal_id = ?", p);
}

std::vector<SavedMeeting> load_running_meetings(store::Connection& c) {
  std::vector<SavedMeeting> out;
  for (const auto& r : c.query("SELECT internal_id, external_id, create_time, voice_bridge, attendee_pw, moderator_pw, "
                               "params FROM meetings WHERE ended_at IS NULL ORDER BY create_time")) {
    out.push_back(SavedMeeting{r.text(0), r.text(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6)});
  }
  return out;
}

std::int64_t insert_hook(store::Connection& c, const Hook& h) {
  std::array<store::Value, 4> p{h.callback_url, h.meeting_id, bbb::join_event_ids(h.event_ids), static_cast<std::int64_t>(h.raw)};
  auto rows = c.query(
      "INSERT INTO hooks (callback_url, meeting_id, event_ids, raw, created_at) "
      "VALUES (?, ?, ?, ?, CAST(strftime('%s','now') AS INTEGER)) RETURNING id",
      p);
  return rows.at(0).integer(0);
}

void delete_hook(store::Connection& c, std::int64_t id) {
  std::array<store::Value, 1> p{id};
  c.exec("DELETE FROM hooks WHERE id = ?", p);
}

std::vector<Hook> load_hooks(store::Connection& c) {
  std::vector<Hook> out;
  for (const auto& r : c.query("SELECT id, callback_url, meeting_id, event_ids, raw FROM hooks ORDER BY id"))
    out.push_back(bbb::stored_hook(r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0));
  return out;
}

}  // namespace bluemeet::node
