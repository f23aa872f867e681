// One meeting on this node: who may enter, who is in, chat, locks, guests,
// and when it ends. Pure state: every call takes the current time and
// returns what happened as events; the node's I/O layer turns events into
// WebSocket messages, webhooks and callbacks. Never touched from two threads.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "node/create_options.h"
#include "node/presentation.h"
#include "util/clock.h"

namespace bluemeet::node {

enum class Role { moderator, viewer };
enum class GuestStatus { allow, wait, deny };
std::string_view role_name(Role r);          // "MODERATOR" / "VIEWER"
std::string_view guest_status_name(GuestStatus s);  // "ALLOW" / "WAIT" / "DENY"

enum class MediaSource { microphone, camera, screen };
std::string_view media_source_name(MediaSource s);  // "microphone", "camera", "screen"

struct MediaState {
  enum class Audio { none, listen, mic } audio = Audio::none;
  bool muted = false;
  bool talking = false;
  bool video = false;
  bool screen = false;
};

// A user the join API let in (or parked as a waiting guest). They become an
// attendee when their client connects.
struct User {
  std::string user_id;      // internal, "w_" + 12 characters
  std::string ext_user_id;  // the join's userID, else user_id
  std::string name;
  Role role = Role::viewer;
  bool guest = false;
  GuestStatus guest_status = GuestStatus::allow;
  std::string avatar_url;
  std::string logout_url;  // this user's, when the join gave one
  std::vector<std::pair<std::string, std::string>> customdata;
  std::string session_token;
  std::string auth_token;
  bool presenter = false;
  bool raised_hand = false;
  bool locked = false;  // lock settings apply
  MediaState media;
  int connections = 0;  // open client sockets
  bool in_meeting = false;
  util::Millis registered_at = 0;
  util::Millis waiting_since = 0;
  bool removed = false;  // ejected: may not come back with this token
};

struct ChatMessage {
  std::int64_t id = 0;
  std::string user_id;  // empty for messages from the API
  std::string name;
  std::string text;
  util::Millis ts = 0;
};

// Per person (by external user ID) for the analytics callback.
struct Attendance {
  std::string ext_user_id;
  std::string name;
  bool moderator = false;
  std::vector<util::Millis> joins, leaves;
  int chats = 0;
  int raise_hands = 0;
  util::Millis duration_ms = 0;
};

enum class EndReason { api, moderator, duration, no_user_joined, last_user_left, no_moderator };
std::string_view end_reason_name(EndReason r);

namespace ev {
struct UserJoined { std::string user_id; };
struct UserLeft { std::string user_id; };
struct UserUpdated { std::string user_id; };
struct Chat { ChatMessage message; };
struct GuestsChanged {};
struct GuestAdmitted { std::string user_id; };
struct GuestDenied { std::string user_id; };
struct LockChanged {};
struct UserRemoved { std::string user_id; };  // its sockets must close
struct Ended { EndReason reason; };
struct PresenterAssigned { std::string user_id; };
struct RecordingChanged { bool recording; std::string user_id; };  // user_id: who, empty for the meeting's own auto-start
struct PresentationChanged { std::string user_id; };  // a document added (user_id empty) or a page shown
// The media layer must make Janus follow: mute or unmute this user's microphone.
struct MediaMute { std::string user_id; bool muted; };
// The media layer must stop carrying this: a lock, or a lost presenter role, took it away.
struct MediaRevoked { std::string user_id; MediaSource source; };
struct MutedAll { bool muted; };  // a moderator muted everyone, or lifted it
}  // namespace ev
using Event = std::variant<ev::UserJoined, ev::UserLeft, ev::UserUpdated, ev::Chat, ev::GuestsChanged,
                           ev::GuestAdmitted, ev::GuestDenied, ev::LockChanged, ev::UserRemoved, ev::Ended,
                           ev::PresenterAssigned, ev::RecordingChanged, ev::PresentationChanged, ev::MediaMute,
                           ev::MediaRevoked, ev::MutedAll>;
using Events = std::vector<Event>;

struct JoinRequest {
  std::string full_name;
  std::optional<Role> role;          // from role= (wins over password)
  std::optional<std::string> password;
  std::string ext_user_id;
  bool guest = false;
  std::string avatar_url;
  std::string logout_url;
  std::vector<std::pair<std::string, std::string>> customdata;
};

struct JoinError {
  std::string key;
  std::string message;
  bool xml = false;  // rendered as XML even on a redirecting join (BBB's "Params required")
};

// What an action from a client (or the API) may fail with.
enum class ActionError { none, forbidden, locked, bad_request, not_found };

class Meeting {
 public:
  Meeting(CreateOptions options, std::string internal_id, util::Millis create_time, std::string voice_bridge);

  const CreateOptions& options() const { return options_; }
  // Substitutes the welcome keywords (they need the voice bridge) and sanitises; once, after create or restore.
  void finish_messages(std::string_view server_url) { node::finish_messages(options_, voice_bridge_, server_url); }
  const std::string& internal_id() const { return internal_id_; }
  const std::string& external_id() const { return options_.meeting_id; }
  util::Millis create_time() const { return create_time_; }
  const std::string& voice_bridge() const { return voice_bridge_; }
  bool ended() const { return ended_; }
  bool forcibly_ended() const { return forcibly_ended_; }
  bool running() const { return !ended_ && participant_count() > 0; }
  bool has_user_joined() const { return has_user_joined_; }
  util::Millis start_time() const { return start_time_; }
  util::Millis end_time() const { return end_time_; }
  const LockSettings& lock() const { return lock_; }
  bool recording() const { return recording_; }

  // Registers a user; returns it, or the BBB error. Does not make them an
  // attendee yet: that happens when their client connects.
  std::variant<const User*, JoinError> join(const JoinRequest& req, const std::string& user_id,
                                            const std::string& session_token, const std::string& auth_token,
                                            util::Millis now);

  // A client socket of this user opened / closed.
  Events connect(const std::string& user_id, util::Millis now);
  Events disconnect(const std::string& user_id, util::Millis now);

  Events chat(const std::string& user_id, std::string_view text, util::Millis now, ActionError& err);
  Events api_chat(std::string_view user_name, std::string_view text, util::Millis now);
  Events set_hand(const std::string& actor, const std::string& target, bool raised, ActionError& err);
  Events set_presenter(const std::string& actor, const std::string& target, ActionError& err);
  // A moderator starts or pauses recording: only in a meeting created with
  // record=true and allowStartStopRecording (BBB's rules); a start sets the
  // recording marks that make the meeting a recording when it ends.
  Events set_recording(const std::string& actor, bool on, ActionError& err);
  // A stored document joins the meeting's presentation.
  Events add_document(PresentationDoc doc, bool make_current);
  // The presenter shows a page of a document (no one else may).
  Events show_presentation(const std::string& actor, std::string_view doc_id, int page, ActionError& err);
  const PresentationState& presentation() const { return presentation_; }

  // Media, by BBB's rules (meeting_media.cc). The node's media layer asks
  // these before Janus carries anything, and reports what Janus did.
  bool may_speak(const User& u) const;  // unmute a microphone: not for viewers locked by disableMic
  bool may_publish(const User& u, MediaSource s) const;  // camera: not under disableCam; screen: the presenter
  // webcamsOnlyForModerator: viewers see moderators' cameras and their own only.
  bool sees_camera_of(const User& viewer, const User& publisher) const;
  // Someone joined or left the audio: `audio` none/listen/mic; they start muted when they may not speak,
  // when the meeting mutes on start or was muted by a moderator.
  Events media_audio(const std::string& user_id, MediaState::Audio audio);
  Events media_talking(const std::string& user_id, bool talking);
  Events media_published(const std::string& user_id, MediaSource s, bool on);
  // Oneself (unmuting only when allowed to speak), or a moderator muting someone else;
  // nobody unmutes another person (BBB's default).
  Events set_muted(const std::string& actor, const std::string& target, bool muted, ActionError& err);
  // Moderators: everyone but the moderators themselves and, when asked, the presenter; later joins start muted.
  Events mute_all(const std::string& actor, bool muted, bool except_presenter, ActionError& err);
  bool muted_by_moderator() const { return all_muted_; }
  std::string reserve_document_id() { return presentation_.reserve_id(); }
  Events remove_user(const std::string& actor, const std::string& target, util::Millis now, ActionError& err);
  Events set_lock(const std::string& actor, const LockSettings& lock, ActionError& err);
  Events decide_guest(const std::string& actor, const std::string& target, bool allow, util::Millis now,
                      ActionError& err);
  Events end_by(const std::string& actor, util::Millis now, ActionError& err);
  Events end(EndReason reason, util::Millis now);  // the API's end, or expiry
  // Time-driven endings: duration, nobody joined, last user left, no moderator.
  Events tick(util::Millis now);

  const User* user(const std::string& user_id) const;
  // Whether `viewer` may know of `subject`: locked viewers of a meeting with
  // hideUserList see only the moderators and themselves.
  bool can_see(const User& viewer, const User& subject) const;
  const std::map<std::string, User>& users() const { return users_; }
  std::vector<const User*> attendees() const;  // in the meeting now, in join order
  std::vector<const User*> waiting_guests() const;
  const std::deque<ChatMessage>& chat_history() const { return chat_; }
  const std::map<std::string, Attendance>& attendance() const { return attendance_; }
  bool recording_marks() const { return recording_marks_; }

  int participant_count() const;
  int moderator_count() const;
  int listener_count() const;
  int voice_participant_count() const;
  int video_count() const;

 private:
  User* find(const std::string& user_id);
  bool is_moderator(const std::string& user_id) const;
  void enter(User& u, util::Millis now, Events& out);
  void leave(User& u, util::Millis now, Events& out);
  void apply_lock(User& u) const;
  void ensure_presenter(Events& out);

  CreateOptions options_;
  std::string internal_id_;
  util::Millis create_time_;
  std::string voice_bridge_;
  std::map<std::string, User> users_;  // by internal user ID
  std::vector<std::string> join_order_;
  std::deque<ChatMessage> chat_;
  std::int64_t next_chat_id_ = 1;
  std::map<std::string, Attendance> attendance_;
  LockSettings lock_;
  PresentationState presentation_;
  bool all_muted_ = false;
  void revoke_media(User& u, Events& out);  // what `u` may no longer send, after a lock or role change
  bool ended_ = false;
  bool forcibly_ended_ = false;
  bool has_user_joined_ = false;
  bool recording_ = false;
  bool recording_marks_ = false;
  util::Millis start_time_ = 0;
  util::Millis end_time_ = 0;
  util::Millis last_left_ = 0;        // when the meeting last became empty
  util::Millis no_moderator_since_ = 0;
};

inline constexpr std::size_t kChatHistory = 1000;
inline constexpr std::size_t kMaxChatLength = 500;
inline constexpr std::size_t kMaxUsersPerMeeting = 5000;  // registered, not only present

}  // namespace bluemeet::node
