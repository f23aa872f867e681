// What a node keeps across restarts, in its SQLite database: meetings that
// have not ended (with the create parameters they were made from), webhook
// subscriptions, and callbacks not yet delivered. Functions run on the
// store's worker thread (inside Store::run).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "node/hooks.h"
#include "store/connection.h"
#include "store/store.h"

namespace bluemeet::node {

const std::vector<store::Migration>& node_migrations();

struct SavedMeeting {
  std::string internal_id;
  std::string external_id;
  std::int64_t create_time = 0;
  std::string voice_bridge;
  std::string attendee_pw, moderator_pw;
  std::string params;  // the create call's parameters, form-encoded
};

void save_meeting(store::Connection& c, const SavedMeeting& m);
void mark_meeting_ended(store::Connection& c, const std::string& internal_id, std::int64_t end_time);
std::vector<SavedMeeting> load_running_meetings(store::Connection& c);

std::int64_t insert_hook(store::Connection& c, const Hook& h);  // returns the new id
void delete_hook(store::Connection& c, std::int64_t id);
std::vector<Hook> load_hooks(store::Connection& c);

}  // namespace bluemeet::node
