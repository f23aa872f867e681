#include "portal/db/recordings.h"

namespace bluemeet::portal::db {
namespace {

using store::Value;

constexpr const char* kSelect =
    "SELECT id, record_id, room_id, name, visibility, start_time, length_minutes, participants, formats FROM recordings ";

Recording from_row(const store::Row& r) {
  return Recording{r.integer(0), r.text(1), r.integer(2), r.text(3), r.text(4), r.integer(5), r.integer(6),
                   r.integer(7), r.text(8)};
}

}  // namespace

void save_recording(store::Connection& c, const Recording& r, std::int64_t now) {
  const std::vector<Value> p{r.record_id,  r.room_id,       r.name,         r.visibility, r.start_time,
                             r.length_minutes, r.participants, r.formats_json, now};
  // A name or visibility the owner chose survives a repeated announcement.
  c.exec("INSERT INTO recordings (record_id, room_id, name, visibility, start_time, length_minutes, participants, "
         "formats, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET "
         "start_time = excluded.start_time, length_minutes = excluded.length_minutes, "
         "participants = excluded.participants, formats = excluded.formats, updated_at = excluded.updated_at",
         p);
}

std::vector<Recording> recordings_of_room(store::Connection& c, std::int64_t room_id) {
  std::vector<Recording> out;
  const std::vector<Value> p{room_id};
  for (const auto& r : c.query(std::string(kSelect) + "WHERE room_id = ? ORDER BY start_time DESC LIMIT 1000", p))
    out.push_back(from_row(r));
  return out;
}

std::optional<Recording> recording_by_id(store::Connection& c, std::string_view record_id) {
  const std::vector<Value> p{std::string(record_id)};
  auto rows = c.query(std::string(kSelect) + "WHERE record_id = ?", p);
  if (rows.empty()) return std::nullopt;
  return from_row(rows.front());
}

void update_recording(store::Connection& c, std::int64_t id, const std::string& name, const std::string& visibility,
                      std::int64_t now) {
  const std::vector<Value> p{name, visibility, now, id};
  c.exec("UPDATE recordings SET name = ?, visibility = ?, updated_at = ? WHERE id = ?", p);
}

void delete_recording(store::Connection& c, std::int64_t id) {
  const std::vector<Value> p{id};
  c.exec("DELETE FROM recordings WHERE id = ?", p);
}

std::vector<RecordingOfRoom> all_recordings(store::Connection& c, int limit) {
  std::vector<RecordingOfRoom> out;
  const std::vector<Value> p{std::int64_t{limit}};
  for (const auto& r : c.query("SELECT x.id, x.record_id, x.room_id, x.name, x.visibility, x.start_time, x.length_minutes, "
                               "x.participants, x.formats, r.friendly_id, r.name, u.public_id, u.name "
                               "FROM recordings x JOIN rooms r ON r.id = x.room_id JOIN users u ON u.id = r.owner_id "
                               "ORDER BY x.start_time DESC, x.id DESC LIMIT ?",
                               p))
    out.push_back({from_row(r), r.text(9), r.text(10), r.text(11), r.text(12)});
  return out;
}

std::int64_t count_recordings(store::Connection& c) {
  return c.query("SELECT count(*) FROM recordings").at(0).integer(0);
}

void save_attendance(store::Connection& c, std::int64_t room_id, const Attendance& a, std::int64_t now) {
  const std::vector<Value> p{room_id, a.internal_meeting_id, a.started_at, a.ended_at, a.attendees_json, now};
  // Callbacks come at least once: the first report of a meeting is kept.
  c.exec("INSERT INTO attendance (room_id, internal_meeting_id, started_at, ended_at, attendees, received_at) "
         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (internal_meeting_id) DO NOTHING",
         p);
}

std::vector<Attendance> attendance_of_room(store::Connection& c, std::int64_t room_id) {
  std::vector<Attendance> out;
  const std::vector<Value> p{room_id};
  for (const auto& r : c.query("SELECT internal_meeting_id, started_at, ended_at, attendees FROM attendance "
                               "WHERE room_id = ? ORDER BY started_at DESC LIMIT 200",
                               p))
    out.push_back({r.text(0), r.integer(1), r.integer(2), r.text(3)});
  return out;
}

}  // namespace bluemeet::portal::db
