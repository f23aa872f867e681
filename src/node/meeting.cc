#include "node/meeting.h"

#include <algorithm>

#include "util/text.h"

namespace bluemeet::node {

std::string_view role_name(Role r) { return r == Role::moderator ? "MODERATOR" : "VIEWER"; }

std::string_view guest_status_name(GuestStatus s) {
  switch (s) {
    case GuestStatus::allow: return "ALLOW";
    case GuestStatus::wait: return "WAIT";
    case GuestStatus::deny: return "DENY";
  }
  return "ALLOW";
}

std::string_view end_reason_name(EndReason r) {
  switch (r) {
    case EndReason::api: return "api";
    case EndReason::moderator: return "moderator";
    case EndReason::duration: return "duration";
    case EndReason::no_user_joined: return "no_user_joined";
    case EndReason::last_user_left: return "last_user_left";
    case EndReason::no_moderator: return "no_moderator";
  }
  return "api";
}

namespace {
constexpr util::Millis kMinute = 60'000;
// A registration that never connected stops counting against maxParticipants after this.
constexpr util::Millis kPendingJoinWindow = 60'000;
}  // namespace

Meeting::Meeting(CreateOptions options, std::string internal_id, util::Millis create_time, std::string voice_bridge)
    : options_(std::move(options)),
      internal_id_(std::move(internal_id)),
      create_time_(create_time),
      voice_bridge_(std::move(voice_bridge)),
      lock_(options_.lock),
      start_time_(create_time) {}

User* Meeting::find(const std::string& id) {
  auto it = users_.find(id);
  return it == users_.end() ? nullptr : &it->second;
}

const User* Meeting::user(const std::string& id) const {
  auto it = users_.find(id);
  return it == users_.end() ? nullptr : &it->second;
}

bool Meeting::is_moderator(const std::string& id) const {
  const auto* u = user(id);
  return u && u->in_meeting && u->role == Role::moderator;
}

std::variant<const User*, JoinError> Meeting::join(const JoinRequest& req, const std::string& user_id,
                                                   const std::string& session_token, const std::string& auth_token,
                                                   util::Millis now) {
  if (ended_)
    return JoinError{"meetingForciblyEnded",
                     "You can not re-join a meeting that has been forcibly ended.  Please check the meeting ID and try "
                     "again."};
  Role role;
  if (req.role) {
    role = *req.role;
  } else if (req.password && !req.password->empty()) {
    if (*req.password == options_.moderator_pw) role = Role::moderator;
    else if (*req.password == options_.attendee_pw) role = Role::viewer;
    else return JoinError{"Params required", "You must enter a valid password", true};
  } else {
    return JoinError{"Params required",
                     "You must either send the valid role of the user, or the password, sould the meeting has one.",
                     true};
  }

  std::string ext = req.ext_user_id.empty() ? user_id : req.ext_user_id;
  if (options_.max_participants > 0) {
    std::set<std::string> counted;
    bool returning = false;
    for (const auto& [id, u] : users_) {
      if (u.removed || u.guest_status != GuestStatus::allow) continue;
      if (!u.in_meeting && now - u.registered_at > kPendingJoinWindow) continue;
      counted.insert(u.ext_user_id);
      returning |= u.ext_user_id == ext;
    }
    if (!returning && static_cast<int>(counted.size()) >= options_.max_participants)
      return JoinError{"maxParticipantsReached", "The number of participants allowed for this meeting has been reached."};
  }
  if (users_.size() >= kMaxUsersPerMeeting) {
    // Forget registrations that never connected before refusing anyone.
    std::erase_if(users_, [&](const auto& e) { return !e.second.in_meeting && e.second.connections == 0; });
    std::erase_if(join_order_, [&](const std::string& id) { return !users_.contains(id); });
    if (users_.size() >= kMaxUsersPerMeeting)
      return JoinError{"maxParticipantsReached", "The number of participants allowed for this meeting has been reached."};
  }

  GuestStatus status = GuestStatus::allow;
  if (req.guest && role != Role::moderator) {
    switch (options_.guest_policy) {
      case GuestPolicy::always_accept: break;
      case GuestPolicy::always_deny:
        return JoinError{"guestDeniedAccess", "You have been denied access to this meeting based on the meeting's guest policy"};
      case GuestPolicy::ask_moderator:
      case GuestPolicy::always_accept_auth: status = GuestStatus::wait; break;
    }
  }

  User u;
  u.user_id = user_id;
  u.ext_user_id = std::move(ext);
  u.name = util::utf8_truncate(util::clean_text(util::trim(req.full_name)), 512);
  u.role = role;
  u.guest = req.guest;
  u.guest_status = status;
  u.avatar_url = req.avatar_url;
  u.logout_url = req.logout_url;
  u.customdata = req.customdata;
  u.session_token = session_token;
  u.auth_token = auth_token;
  u.registered_at = now;
  apply_lock(u);
  auto [it, inserted] = users_.emplace(user_id, std::move(u));
  (void)inserted;
  return &it->second;
}

void Meeting::apply_lock(User& u) const { u.locked = u.role == Role::viewer && lock_.lock_on_join; }

Events Meeting::connect(const std::string& user_id, util::Millis now) {
  Events out;
  User* u = find(user_id);
  if (!u || u->removed || ended_) return out;
  ++u->connections;
  if (u->guest_status == GuestStatus::wait) {
    if (u->connections == 1) {
      u->waiting_since = now;
      out.emplace_back(ev::GuestsChanged{});
    }
  } else if (u->guest_status == GuestStatus::allow && !u->in_meeting) {
    enter(*u, now, out);
  }
  return out;
}

Events Meeting::disconnect(const std::string& user_id, util::Millis now) {
  Events out;
  User* u = find(user_id);
  if (!u || u->connections == 0) return out;
  if (--u->connections > 0) return out;
  if (u->in_meeting) leave(*u, now, out);
  else if (u->guest_status == GuestStatus::wait) out.emplace_back(ev::GuestsChanged{});
  return out;
}

void Meeting::enter(User& u, util::Millis now, Events& out) {
  u.in_meeting = true;
  has_user_joined_ = true;
  end_time_ = 0;
  last_left_ = 0;
  if (std::find(join_order_.begin(), join_order_.end(), u.user_id) == join_order_.end()) join_order_.push_back(u.user_id);
  auto& a = attendance_[u.ext_user_id];
  a.ext_user_id = u.ext_user_id;
  a.name = u.name;
  a.moderator = a.moderator || u.role == Role::moderator;
  a.joins.push_back(now);
  bool auto_start = options_.record && options_.auto_start_recording && !recording_marks_;
  if (auto_start) {
    recording_ = true;
    recording_marks_ = true;
  }
  if (auto_start) out.emplace_back(ev::RecordingChanged{true, {}});
  out.emplace_back(ev::UserJoined{u.user_id});
  ensure_presenter(out);
}

void Meeting::leave(User& u, util::Millis now, Events& out) {
  u.in_meeting = false;
  bool was_presenter = u.presenter;
  u.presenter = false;
  u.raised_hand = false;
  u.media = MediaState{};
  u.connections = 0;
  auto& a = attendance_[u.ext_user_id];
  a.leaves.push_back(now);
  if (!a.joins.empty()) a.duration_ms += now - a.joins.back();
  out.emplace_back(ev::UserLeft{u.user_id});
  if (participant_count() == 0) {
    last_left_ = now;
    end_time_ = now;
  }
  if (was_presenter) ensure_presenter(out);
}

void Meeting::ensure_presenter(Events& out) {
  for (const auto& id : join_order_) {
    const auto& u = users_.at(id);
    if (u.in_meeting && u.presenter) return;
  }
  for (const auto& id : join_order_) {
    auto& u = users_.at(id);
    if (u.in_meeting && u.role == Role::moderator) {
      u.presenter = true;
      out.emplace_back(ev::UserUpdated{u.user_id});
      out.emplace_back(ev::PresenterAssigned{u.user_id});
      return;
    }
  }
}

Events Meeting::chat(const std::string& user_id, std::string_view text, util::Millis now, ActionError& err) {
  Events out;
  User* u = find(user_id);
  if (!u || !u->in_meeting) {
    err = ActionError::forbidden;
    return out;
  }
  if (u->locked && lock_.disable_public_chat) {
    err = ActionError::locked;
    return out;
  }
  auto clean = util::clean_text(util::trim(text), true);
  if (clean.empty() || util::utf8_length(clean) > kMaxChatLength) {
    err = ActionError::bad_request;
    return out;
  }
  ++attendance_[u->ext_user_id].chats;
  chat_.push_back(ChatMessage{next_chat_id_++, u->user_id, u->name, std::move(clean), now});
  if (chat_.size() > kChatHistory) chat_.pop_front();
  out.emplace_back(ev::Chat{chat_.back()});
  return out;
}

Events Meeting::api_chat(std::string_view user_name, std::string_view text, util::Millis now) {
  Events out;
  chat_.push_back(ChatMessage{next_chat_id_++, "", std::string(user_name), util::clean_text(text, true), now});
  if (chat_.size() > kChatHistory) chat_.pop_front();
  out.emplace_back(ev::Chat{chat_.back()});
  return out;
}

Events Meeting::set_hand(const std::string& actor, const std::string& target_id, bool raised, ActionError& err) {
  Events out;
  const std::string& tid = target_id.empty() ? actor : target_id;
  User* a = find(actor);
  User* t = find(tid);
  if (!a || !a->in_meeting || !t || !t->in_meeting) {
    err = ActionError::not_found;
    return out;
  }
  // Others may only lower a hand, and only moderators may do it.
  if (tid != actor && (raised || a->role != Role::moderator)) {
    err = ActionError::forbidden;
    return out;
  }
  if (t->raised_hand == raised) return out;
  t->raised_hand = raised;
  if (raised) ++attendance_[t->ext_user_id].raise_hands;
  out.emplace_back(ev::UserUpdated{tid});
  return out;
}

Events Meeting::set_presenter(const std::string& actor, const std::string& target_id, ActionError& err) {
  Events out;
  User* t = find(target_id);
  if (!is_moderator(actor)) {
    err = ActionError::forbidden;
    return out;
  }
  if (!t || !t->in_meeting) {
    err = ActionError::not_found;
    return out;
  }
  for (auto& [id, u] : users_) {
    if (u.presenter && id != target_id) {
      u.presenter = false;
      out.emplace_back(ev::UserUpdated{id});
      revoke_media(u, out);  // a screen share is the presenter's
    }
  }
  if (!t->presenter) {
    t->presenter = true;
    out.emplace_back(ev::UserUpdated{target_id});
    out.emplace_back(ev::PresenterAssigned{target_id});
  }
  return out;
}

Events Meeting::set_recording(const std::string& actor, bool on, ActionError& err) {
  Events out;
  if (!is_moderator(actor) || !options_.record || !options_.allow_start_stop_recording) {
    err = ActionError::forbidden;
    return out;
  }
  if (recording_ == on) return out;
  recording_ = on;
  if (on) recording_marks_ = true;
  out.emplace_back(ev::RecordingChanged{on, actor});
  return out;
}

Events Meeting::add_document(PresentationDoc doc, bool make_current) {
  Events out;
  if (ended_ || presentation_.docs.size() >= kMaxDocumentsPerMeeting) return out;
  presentation_.add(std::move(doc), make_current);
  out.emplace_back(ev::PresentationChanged{});
  return out;
}

Events Meeting::show_presentation(const std::string& actor, std::string_view doc_id, int page, ActionError& err) {
  Events out;
  const User* u = user(actor);
  if (!u || !u->presenter) {
    err = ActionError::forbidden;
    return out;
  }
  if (presentation_.current == doc_id && presentation_.page == page) return out;
  if (!presentation_.show(doc_id, page)) {
    err = ActionError::bad_request;
    return out;
  }
  out.emplace_back(ev::PresentationChanged{actor});
  return out;
}

Events Meeting::remove_user(const std::string& actor, const std::string& target_id, util::Millis now,
                            ActionError& err) {
  Events out;
  User* t = find(target_id);
  if (!is_moderator(actor) || actor == target_id) {
    err = ActionError::forbidden;
    return out;
  }
  if (!t || t->removed) {
    err = ActionError::not_found;
    return out;
  }
  t->removed = true;
  bool was_waiting = t->guest_status == GuestStatus::wait;
  if (t->in_meeting) leave(*t, now, out);
  if (was_waiting) out.emplace_back(ev::GuestsChanged{});
  out.emplace_back(ev::UserRemoved{target_id});
  return out;
}

Events Meeting::set_lock(const std::string& actor, const LockSettings& lock, ActionError& err) {
  Events out;
  if (!is_moderator(actor)) {
    err = ActionError::forbidden;
    return out;
  }
  lock_ = lock;
  out.emplace_back(ev::LockChanged{});
  for (auto& [id, u] : users_) {
    bool before = u.locked;
    apply_lock(u);
    if (u.in_meeting && before != u.locked) out.emplace_back(ev::UserUpdated{id});
    revoke_media(u, out);
  }
  return out;
}

Events Meeting::decide_guest(const std::string& actor, const std::string& target_id, bool allow, util::Millis now,
                             ActionError& err) {
  Events out;
  User* t = find(target_id);
  if (!is_moderator(actor)) {
    err = ActionError::forbidden;
    return out;
  }
  if (!t || t->guest_status != GuestStatus::wait) {
    err = ActionError::not_found;
    return out;
  }
  t->guest_status = allow ? GuestStatus::allow : GuestStatus::deny;
  out.emplace_back(ev::GuestsChanged{});
  if (allow) {
    out.emplace_back(ev::GuestAdmitted{target_id});
    if (t->connections > 0) enter(*t, now, out);
  } else {
    out.emplace_back(ev::GuestDenied{target_id});
  }
  return out;
}

Events Meeting::end_by(const std::string& actor, util::Millis now, ActionError& err) {
  if (!is_moderator(actor)) {
    err = ActionError::forbidden;
    return {};
  }
  return end(EndReason::moderator, now);
}

Events Meeting::end(EndReason reason, util::Millis now) {
  Events out;
  if (ended_) return out;
  for (const auto& id : join_order_) {
    auto& u = users_.at(id);
    if (u.in_meeting) {
      auto& a = attendance_[u.ext_user_id];
      a.leaves.push_back(now);
      if (!a.joins.empty()) a.duration_ms += now - a.joins.back();
      u.in_meeting = false;
      u.connections = 0;
    }
  }
  ended_ = true;
  forcibly_ended_ = reason == EndReason::api || reason == EndReason::moderator;
  end_time_ = now;
  out.emplace_back(ev::Ended{reason});
  return out;
}

Events Meeting::tick(util::Millis now) {
  if (ended_) return {};
  const auto& o = options_;
  if (o.duration_minutes > 0 && now >= create_time_ + o.duration_minutes * kMinute) return end(EndReason::duration, now);
  if (!has_user_joined_ && o.expire_no_join_minutes > 0 && now >= create_time_ + o.expire_no_join_minutes * kMinute)
    return end(EndReason::no_user_joined, now);
  int present = participant_count();
  if (has_user_joined_ && present == 0 && last_left_ > 0 && o.expire_last_left_minutes > 0 &&
      now >= last_left_ + o.expire_last_left_minutes * kMinute)
    return end(EndReason::last_user_left, now);
  if (o.end_when_no_moderator && present > 0 && moderator_count() == 0) {
    if (no_moderator_since_ == 0) no_moderator_since_ = now;
    if (now >= no_moderator_since_ + o.end_when_no_moderator_delay_minutes * kMinute)
      return end(EndReason::no_moderator, now);
  } else {
    no_moderator_since_ = 0;
  }
  return {};
}

bool Meeting::can_see(const User& viewer, const User& subject) const {
  if (viewer.user_id == subject.user_id || subject.role == Role::moderator) return true;
  return !(viewer.locked && lock_.hide_user_list);
}

std::vector<const User*> Meeting::attendees() const {
  std::vector<const User*> out;
  for (const auto& id : join_order_) {
    const auto& u = users_.at(id);
    if (u.in_meeting) out.push_back(&u);
  }
  return out;
}

std::vector<const User*> Meeting::waiting_guests() const {
  std::vector<const User*> out;
  for (const auto& [id, u] : users_)
    if (u.guest_status == GuestStatus::wait && u.connections > 0 && !u.removed) out.push_back(&u);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->waiting_since < b->waiting_since; });
  return out;
}

int Meeting::participant_count() const {
  int n = 0;
  for (const auto& [id, u] : users_) n += u.in_meeting;
  return n;
}

int Meeting::moderator_count() const {
  int n = 0;
  for (const auto& [id, u] : users_) n += u.in_meeting && u.role == Role::moderator;
  return n;
}

int Meeting::listener_count() const {
  int n = 0;
  for (const auto& [id, u] : users_) n += u.in_meeting && u.media.audio == MediaState::Audio::listen;
  return n;
}

int Meeting::voice_participant_count() const {
  int n = 0;
  for (const auto& [id, u] : users_) n += u.in_meeting && u.media.audio != MediaState::Audio::none;
  return n;
}

int Meeting::video_count() const {
  int n = 0;
  for (const auto& [id, u] : users_) n += u.in_meeting && u.media.video;
  return n;
}

}  // namespace bluemeet::node
