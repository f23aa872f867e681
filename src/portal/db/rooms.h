// Rooms and who shares them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portal/db/presentations.h"
#include "store/connection.h"

namespace bluemeet::portal::db {

struct Room {
  std::int64_t id = 0;
  std::string friendly_id, meeting_id, name, options_json;
  std::int64_t owner_id = 0;
  std::string owner_public_id, owner_name;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_session;
  std::optional<PresentationInfo> presentation;  // its default presentation, without the bytes
};

struct ShareUser {
  std::string public_id, name, email;
};

// A room with fresh friendly and meeting IDs (drawn again on the rare clash).
Room create_room(store::Connection& c, std::int64_t owner_id, const std::string& name, const std::string& options_json,
                 std::int64_t now);
std::optional<Room> room_by_friendly_id(store::Connection& c, std::string_view friendly_id);
std::optional<Room> room_by_meeting_id(store::Connection& c, std::string_view meeting_id);
// The user's own rooms, then those shared with them.
std::vector<Room> rooms_of(store::Connection& c, std::int64_t user_id);
std::vector<Room> all_rooms(store::Connection& c);
std::int64_t count_rooms(store::Connection& c);
bool manages(store::Connection& c, const Room& r, std::int64_t user_id);  // owner or co-owner
void update_room(store::Connection& c, std::int64_t room_id, const std::string& name, const std::string& options_json);
void delete_room(store::Connection& c, std::int64_t room_id);
void set_last_session(store::Connection& c, std::int64_t room_id, std::int64_t at);

std::vector<ShareUser> shares_of(store::Connection& c, std::int64_t room_id);
void add_share(store::Connection& c, std::int64_t room_id, std::int64_t user_id);
bool remove_share(store::Connection& c, std::int64_t room_id, std::string_view user_public_id);

}  // namespace bluemeet::portal::db
