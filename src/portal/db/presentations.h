// A room's default presentation: one file per room, its bytes in the
// database, sent to the gateway whenever the room's meeting is created.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/connection.h"

namespace bluemeet::portal::db {

// What lists show: the file without its bytes (also in Room::presentation).
struct PresentationInfo {
  std::string file_name, content_type, sha256;
  std::int64_t size = 0;
  std::int64_t uploaded_at = 0;
};

struct Presentation {
  PresentationInfo info;
  std::string bytes;
};

// Replaces the room's presentation, if it had one.
void put_presentation(store::Connection& c, std::int64_t room_id, const Presentation& p, std::int64_t uploaded_by);
std::optional<Presentation> presentation_of(store::Connection& c, std::int64_t room_id);
bool delete_presentation(store::Connection& c, std::int64_t room_id);  // false: there was none

}  // namespace bluemeet::portal::db
