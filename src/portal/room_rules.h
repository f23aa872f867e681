// Who may start and join a room, and as what: Greenlight's rules, which
// organizations' users know, in one pure place. Also the room options'
// JSON form and the recording visibilities' meaning at the BBB API.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::portal {

struct RoomOptions {
  bool record = false;
  bool mute_on_start = false;
  bool guest_approval = false;
  bool anyone_can_start = false;
  bool all_moderators = false;
  bool require_sign_in = false;
  std::string viewer_access_code;     // empty: none
  std::string moderator_access_code;  // empty: none
};

boost::json::object to_json(const RoomOptions& o);
// Applies the fields present in j (unknown fields ignored); false with the
// offending field name when one has the wrong type or an access code is not 1-32 printable characters.
bool apply_json(RoomOptions& o, const boost::json::object& j, std::string& bad_field);
RoomOptions options_from_json_text(std::string_view text, const RoomOptions& defaults);

// Site policy: options an administrator forces take the site's default value in every room.
inline constexpr const char* kRoomOptionNames[] = {"record", "muteOnStart", "guestApproval", "anyoneCanStart",
                                                   "allModerators", "requireSignIn", "viewerAccessCode",
                                                   "moderatorAccessCode"};
RoomOptions effective_options(const RoomOptions& room, const RoomOptions& site_defaults,
                              const std::vector<std::string>& forced);

// "abc-def-ghi-jkl": short enough to read aloud, 36^12 of them.
std::string new_friendly_id();
bool looks_like_friendly_id(std::string_view s);

struct Visitor {
  bool signed_in = false;
  bool manages_room = false;  // owner or co-owner
  std::string access_code;    // as typed; empty when none was given
};

enum class JoinRole { moderator, viewer };
struct JoinDecision {
  std::optional<JoinRole> role;
  std::string error;  // signInRequired, accessCodeRequired, wrongAccessCode
};
JoinDecision decide_join(const RoomOptions& o, const Visitor& v);
// Starting (creating the meeting) is for those who manage the room, anyone
// signed in where anyone may start, and holders of the moderator code.
bool may_start(const RoomOptions& o, const Visitor& v);

// A recording's visibility as the portal shows it, and what it means at the BBB API.
struct VisibilityParams {
  bool publish;
  bool protect;
  bool listed;  // shown on the room's public page (meta_gl-listed, as Greenlight)
};
std::optional<VisibilityParams> visibility_params(std::string_view visibility);
bool valid_visibility(std::string_view v);

}  // namespace bluemeet::portal
