#include "portal/db/presentations.h"

#include <vector>

namespace bluemeet::portal::db {

using store::Value;

void put_presentation(store::Connection& c, std::int64_t room_id, const Presentation& p, std::int64_t uploaded_by) {
  const std::vector<Value> params{room_id,      p.info.file_name,         p.info.content_type,
                                  p.info.size,  p.info.sha256,            store::Blob{p.bytes},
                                  p.info.uploaded_at, uploaded_by};
  c.exec(
      "INSERT INTO room_presentations (room_id, file_name, content_type, size, sha256, bytes, uploaded_at, uploaded_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room_id) DO UPDATE SET file_name = excluded.file_name, "
      "content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256, bytes = excluded.bytes, "
      "uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by",
      params);
}

std::optional<Presentation> presentation_of(store::Connection& c, std::int64_t room_id) {
  const std::vector<Value> p{room_id};
  auto rows = c.query(
      "SELECT file_name, content_type, size, sha256, uploaded_at, bytes FROM room_presentations WHERE room_id = ?", p);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return Presentation{{r.text(0), r.text(1), r.text(3), r.integer(2), r.integer(4)}, r.blob(5)};
}

bool delete_presentation(store::Connection& c, std::int64_t room_id) {
  const std::vector<Value> p{room_id};
  return c.exec("DELETE FROM room_presentations WHERE room_id = ?", p) > 0;
}

}  // namespace bluemeet::portal::db
