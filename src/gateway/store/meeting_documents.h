// The documents a tenant gave a live meeting: the <modules> body of its create
// and the bodies of later insertDocument calls. The server that holds the
// meeting has them too, but only the gateway can give them to the server a
// failover moves the meeting to, so they are kept here, in the order they
// came, until the meeting row is purged (ON DELETE CASCADE) or it ends.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/connection.h"

namespace bluemeet::gateway::db {

struct MeetingDocument {
  std::string call;  // "create" or "insertDocument"
  std::string content_type;
  std::string body;
};

void add_meeting_document(store::Connection& c, std::int64_t meeting_row_id, const MeetingDocument& d,
                          std::int64_t now);
std::vector<MeetingDocument> meeting_documents(store::Connection& c, std::int64_t meeting_row_id);  // in order
// An ended meeting never goes anywhere again: its documents can go now.
void drop_meeting_documents(store::Connection& c, std::int64_t meeting_row_id);

}  // namespace bluemeet::gateway::db
