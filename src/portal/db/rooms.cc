#include "portal/db/rooms.h"

#include "portal/room_rules.h"
#include "util/random.h"

namespace bluemeet::portal::db {
namespace {

using store::Value;

constexpr const char* kRoomSelect =
    "SELECT r.id, r.friendly_id, r.meeting_id, r.name, r.options, r.owner_id, u.public_id, u.name, r.created_at, "
    "r.last_session, p.file_name, p.content_type, p.sha256, p.size, p.uploaded_at FROM rooms r "
    "JOIN users u ON u.id = r.owner_id LEFT JOIN room_presentations p ON p.room_id = r.id ";

Room room_from_row(const store::Row& r) {
  Room o;
  o.id = r.integer(0);
  o.friendly_id = r.text(1);
  o.meeting_id = r.text(2);
  o.name = r.text(3);
  o.options_json = r.text(4);
  o.owner_id = r.integer(5);
  o.owner_public_id = r.text(6);
  o.owner_name = r.text(7);
  o.created_at = r.integer(8);
  if (!r.is_null(9)) o.last_session = r.integer(9);
  if (!r.is_null(10)) o.presentation = PresentationInfo{r.text(10), r.text(11), r.text(12), r.integer(13), r.integer(14)};
  return o;
}

std::vector<Room> rooms(store::Connection& c, const std::string& tail, const std::vector<Value>& p) {
  std::vector<Room> out;
  for (const auto& r : c.query(std::string(kRoomSelect) + tail, p)) out.push_back(room_from_row(r));
  return out;
}

std::optional<Room> one_room(store::Connection& c, const std::string& where, std::string_view key) {
  auto list = rooms(c, where, {std::string(key)});
  if (list.empty()) return std::nullopt;
  return list.front();
}

}  // namespace

Room create_room(store::Connection& c, std::int64_t owner_id, const std::string& name, const std::string& options_json,
                 std::int64_t now) {
  for (int attempt = 0;; ++attempt) {
    std::string friendly = new_friendly_id();
    // 40 characters like Greenlight's: opaque, and never derived from the user or the name.
    std::string meeting = util::random_lower_alnum(40);
    const std::vector<Value> p{friendly, meeting, owner_id, name, options_json, now};
    try {
      c.exec("INSERT INTO rooms (friendly_id, meeting_id, owner_id, name, options, created_at) VALUES (?, ?, ?, ?, ?, ?)",
             p);
      return *room_by_friendly_id(c, friendly);
    } catch (const store::StoreError& e) {
      if (!e.constraint() || attempt >= 3) throw;
    }
  }
}

std::optional<Room> room_by_friendly_id(store::Connection& c, std::string_view friendly_id) {
  return one_room(c, "WHERE r.friendly_id = ?", friendly_id);
}

std::optional<Room> room_by_meeting_id(store::Connection& c, std::string_view meeting_id) {
  return one_room(c, "WHERE r.meeting_id = ?", meeting_id);
}

std::vector<Room> rooms_of(store::Connection& c, std::int64_t user_id) {
  return rooms(c,
               "WHERE r.owner_id = ? OR r.id IN (SELECT room_id FROM room_shares WHERE user_id = ?) "
               "ORDER BY CASE WHEN r.owner_id = ? THEN 0 ELSE 1 END, r.id LIMIT 1000",
               {user_id, user_id, user_id});
}

std::vector<Room> all_rooms(store::Connection& c) { return rooms(c, "ORDER BY r.id LIMIT 10000", {}); }

std::int64_t count_rooms(store::Connection& c) { return c.query("SELECT count(*) FROM rooms").at(0).integer(0); }

bool manages(store::Connection& c, const Room& r, std::int64_t user_id) {
  if (r.owner_id == user_id) return true;
  const std::vector<Value> p{r.id, user_id};
  return !c.query("SELECT 1 FROM room_shares WHERE room_id = ? AND user_id = ?", p).empty();
}

void update_room(store::Connection& c, std::int64_t room_id, const std::string& name, const std::string& options_json) {
  const std::vector<Value> p{name, options_json, room_id};
  c.exec("UPDATE rooms SET name = ?, options = ? WHERE id = ?", p);
}

void delete_room(store::Connection& c, std::int64_t room_id) {
  const std::vector<Value> p{room_id};
  c.exec("DELETE FROM rooms WHERE id = ?", p);
}

void set_last_session(store::Connection& c, std::int64_t room_id, std::int64_t at) {
  const std::vector<Value> p{at, room_id};
  c.exec("UPDATE rooms SET last_session = ? WHERE id = ?", p);
}

std::vector<ShareUser> shares_of(store::Connection& c, std::int64_t room_id) {
  std::vector<ShareUser> out;
  const std::vector<Value> p{room_id};
  for (const auto& r : c.query("SELECT u.public_id, u.name, u.email FROM room_shares s JOIN users u ON u.id = s.user_id "
                               "WHERE s.room_id = ? ORDER BY u.name",
                               p))
    out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

void add_share(store::Connection& c, std::int64_t room_id, std::int64_t user_id) {
  const std::vector<Value> p{room_id, user_id};
  c.exec("INSERT INTO room_shares (room_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", p);
}

bool remove_share(store::Connection& c, std::int64_t room_id, std::string_view user_public_id) {
  const std::vector<Value> p{room_id, std::string(user_public_id)};
  return c.exec("DELETE FROM room_shares WHERE room_id = ? AND user_id = (SELECT id FROM users WHERE public_id = ?)", p) >
         0;
}

}  // namespace bluemeet::portal::db
