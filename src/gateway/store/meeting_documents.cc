#include "gateway/store/meeting_documents.h"

namespace bluemeet::gateway::db {

using store::Value;

void add_meeting_document(store::Connection& c, std::int64_t meeting_row_id, const MeetingDocument& d,
                          std::int64_t now) {
  const std::vector<Value> p{meeting_row_id, d.call, d.content_type, d.body, now};
  c.exec("INSERT INTO meeting_documents (meeting_id, call, content_type, body, created_at) VALUES (?, ?, ?, ?, ?)", p);
}

std::vector<MeetingDocument> meeting_documents(store::Connection& c, std::int64_t meeting_row_id) {
  const std::vector<Value> p{meeting_row_id};
  std::vector<MeetingDocument> out;
  for (const auto& r : c.query("SELECT call, content_type, body FROM meeting_documents WHERE meeting_id = ? ORDER BY id", p))
    out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

void drop_meeting_documents(store::Connection& c, std::int64_t meeting_row_id) {
  const std::vector<Value> p{meeting_row_id};
  c.exec("DELETE FROM meeting_documents WHERE meeting_id = ?", p);
}

}  // namespace bluemeet::gateway::db
