// All meetings of this node and the indexes to reach them: by external ID,
// by internal ID, by session token; plus voice-bridge allocation. Pure: the
// caller passes time and owns persistence.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "node/meeting.h"

namespace bluemeet::node {

struct CreateOutcome {
  Meeting* meeting = nullptr;
  bool duplicate = false;            // an existing meeting was returned (duplicateWarning)
  std::optional<CreateError> error;  // idNotUnique, nonUniqueVoiceBridge, ...
  bool errors_envelope = false;      // render error in BBB's <errors> form
};

class MeetingRegistry {
 public:
  // BBB's create: returns the existing meeting for a repeat create with the
  // same (or no) passwords, refuses one with other passwords, else makes a
  // new meeting with internal ID sha1(meetingID)-createTime.
  CreateOutcome create(CreateOptions options, util::Millis now);
  // Puts back a meeting saved before a restart, with its original identity.
  Meeting* restore(CreateOptions options, const std::string& internal_id, util::Millis create_time,
                   const std::string& voice_bridge);

  // The meeting an API call names: the current meeting with this external
  // ID, else the one with exactly this internal ID. (Not BBB's prefix match,
  // by which a 2-character ID could reach an arbitrary meeting.)
  Meeting* find(std::string_view id);
  Meeting* by_internal(std::string_view internal_id);

  void index_session(const std::string& token, const std::string& internal_id, const std::string& user_id);
  struct SessionRef {
    Meeting* meeting;
    const User* user;
  };
  std::optional<SessionRef> by_session(std::string_view token);

  // Drops ended meetings older than retention, with their sessions and voice bridge.
  std::vector<std::string> purge(util::Millis now, util::Millis retention);
  std::vector<Meeting*> all();
  std::size_t size() const { return meetings_.size(); }

  void set_voice_bridge_digits(int digits) { bridge_digits_ = digits; }

 private:
  std::optional<std::string> allocate_bridge();
  bool bridge_in_use(const std::string& bridge) const;

  std::map<std::string, std::unique_ptr<Meeting>, std::less<>> meetings_;  // by internal ID
  std::map<std::string, std::string, std::less<>> current_;               // external -> internal
  std::unordered_map<std::string, std::pair<std::string, std::string>> sessions_;  // token -> (internal, user)
  int bridge_digits_ = 5;
};

std::string internal_meeting_id(std::string_view external_id, util::Millis create_time);

}  // namespace bluemeet::node
