// What a create call asks for, validated and with BBB's defaults applied.
// Pure: parsing depends only on the parameters and the node's defaults.
#pragma once

#include <optional>
#include <variant>
#include <string>
#include <utility>
#include <vector>

#include "bbb/query.h"

namespace bluemeet::node {

enum class GuestPolicy { always_accept, always_deny, ask_moderator, always_accept_auth };
std::string_view guest_policy_name(GuestPolicy p);

struct LockSettings {
  bool disable_cam = false;
  bool disable_mic = false;
  bool disable_private_chat = false;
  bool disable_public_chat = false;
  bool disable_notes = false;
  bool hide_user_list = false;
  bool lock_on_join = true;
};

// Server-wide defaults (bbb-web.properties in BBB).
struct NodeDefaults {
  std::string dial_number = "613-555-1234";
  std::string logout_url;  // empty: the node's public URL
  std::string welcome = "Welcome to <b>%%CONFNAME%%</b>!";
  int max_participants = 0;
  int expire_no_join_minutes = 5;
  int expire_last_left_minutes = 1;
  int voice_bridge_digits = 5;
  bool record_allowed = true;
};

struct CreateOptions {
  std::string meeting_id;  // external
  std::string name;
  std::string attendee_pw, moderator_pw;  // generated when absent
  bool passwords_given = false;
  std::optional<std::string> voice_bridge;  // as requested
  std::string dial_number;
  std::string welcome;                 // after keyword substitution and sanitising
  std::string moderator_only_message;  // same
  std::string logout_url;
  int max_participants = 0;
  int duration_minutes = 0;
  bool record = false;
  bool auto_start_recording = false;
  bool allow_start_stop_recording = true;
  bool mute_on_start = false;
  bool webcams_only_for_moderator = false;
  bool end_when_no_moderator = false;
  int end_when_no_moderator_delay_minutes = 1;
  GuestPolicy guest_policy = GuestPolicy::always_accept;
  LockSettings lock;
  std::string banner_text, banner_color;
  std::string meeting_layout;
  std::vector<std::pair<std::string, std::string>> metadata;  // lower-cased names
  bool is_breakout = false;
  std::string parent_meeting_id;
  int sequence = 0;
  bool free_join = false;
  int expire_no_join_minutes = 5;
  int expire_last_left_minutes = 1;
  bool keep_events = false;
  std::string meeting_ended_url;  // server-side end callback (not metadata)
};

struct CreateError {
  std::string key;
  std::string message;
};

// Validates and reads the create parameters. A meeting ID must be 2-256
// characters without ','; a name 2-256 characters; passwords 2-64.
std::variant<CreateOptions, CreateError> parse_create(const bbb::Params& params, const NodeDefaults& defaults);

// BBB's welcome keyword substitution (%%CONFNAME%% %%DIALNUM%% %%CONFNUM%% %%SERVERURL%%).
std::string substitute_keywords(std::string_view text, const CreateOptions& o, std::string_view voice_bridge,
                                std::string_view server_url);
// Keeps only a, b, br, i, img, li, small, span, strong, u, ul (with href/src/alt
// and no event handlers or scripts), as BBB's jsoup safelist does.
std::string sanitize_html(std::string_view html);
// The welcome and moderator-only messages as users see them: keywords
// substituted, then sanitised. Applied once the voice bridge is known, at
// create and when a meeting is restored after a restart.
void finish_messages(CreateOptions& o, std::string_view voice_bridge, std::string_view server_url);

}  // namespace bluemeet::node
