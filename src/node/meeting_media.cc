// Meeting's media rules: who may speak, send a camera or a screen, and see
// whose camera, and the media state Janus reports. Kept apart from
// meeting.cc because it is its own set of BBB rules.
#include "node/meeting.h"

namespace bluemeet::node {

std::string_view media_source_name(MediaSource s) {
  switch (s) {
    case MediaSource::microphone: return "microphone";
    case MediaSource::camera: return "camera";
    case MediaSource::screen: return "screen";
  }
  return "microphone";
}

bool Meeting::may_speak(const User& u) const { return !(u.locked && lock_.disable_mic); }

bool Meeting::may_publish(const User& u, MediaSource s) const {
  if (!u.in_meeting || u.removed) return false;
  switch (s) {
    case MediaSource::microphone: return may_speak(u);
    case MediaSource::camera: return !(u.locked && lock_.disable_cam);
    case MediaSource::screen: return u.presenter;  // in BBB only the presenter shares a screen
  }
  return false;
}

bool Meeting::sees_camera_of(const User& viewer, const User& publisher) const {
  if (!options_.webcams_only_for_moderator || viewer.role == Role::moderator) return true;
  return publisher.role == Role::moderator || publisher.user_id == viewer.user_id;
}

Events Meeting::media_audio(const std::string& user_id, MediaState::Audio audio) {
  Events out;
  User* u = find(user_id);
  if (!u || !u->in_meeting || u->media.audio == audio) return out;
  u->media.audio = audio;
  u->media.talking = false;
  if (audio == MediaState::Audio::mic) {
    bool muted = options_.mute_on_start || all_muted_ || !may_speak(*u);
    u->media.muted = muted;
    out.emplace_back(ev::MediaMute{user_id, muted});
  } else {
    u->media.muted = false;
  }
  out.emplace_back(ev::UserUpdated{user_id});
  return out;
}

Events Meeting::media_talking(const std::string& user_id, bool talking) {
  Events out;
  User* u = find(user_id);
  // A muted microphone does not talk, whatever the mixer's level detector thought a moment ago.
  if (!u || !u->in_meeting || u->media.audio != MediaState::Audio::mic) return out;
  talking = talking && !u->media.muted;
  if (u->media.talking == talking) return out;
  u->media.talking = talking;
  out.emplace_back(ev::UserUpdated{user_id});
  return out;
}

Events Meeting::media_published(const std::string& user_id, MediaSource s, bool on) {
  Events out;
  User* u = find(user_id);
  if (!u || !u->in_meeting || s == MediaSource::microphone) return out;
  bool& flag = s == MediaSource::camera ? u->media.video : u->media.screen;
  if (flag == on) return out;
  flag = on;
  out.emplace_back(ev::UserUpdated{user_id});
  return out;
}

Events Meeting::set_muted(const std::string& actor, const std::string& target, bool muted, ActionError& err) {
  Events out;
  User* t = find(target);
  bool self = actor == target;
  if (!self && (!is_moderator(actor) || !muted)) {
    err = ActionError::forbidden;
    return out;
  }
  if (!t || !t->in_meeting || t->media.audio != MediaState::Audio::mic) {
    err = ActionError::not_found;
    return out;
  }
  if (!muted && !may_speak(*t)) {
    err = ActionError::locked;
    return out;
  }
  if (t->media.muted == muted) return out;
  t->media.muted = muted;
  if (muted) t->media.talking = false;
  out.emplace_back(ev::MediaMute{target, muted});
  out.emplace_back(ev::UserUpdated{target});
  return out;
}

Events Meeting::mute_all(const std::string& actor, bool muted, bool except_presenter, ActionError& err) {
  Events out;
  if (!is_moderator(actor)) {
    err = ActionError::forbidden;
    return out;
  }
  if (all_muted_ != muted) out.emplace_back(ev::MutedAll{muted});
  all_muted_ = muted;
  if (!muted) return out;  // lifting it lets people unmute themselves; nobody is unmuted for them
  for (auto& [id, u] : users_) {
    if (!u.in_meeting || u.media.audio != MediaState::Audio::mic || u.media.muted) continue;
    if (u.role == Role::moderator || (except_presenter && u.presenter)) continue;
    u.media.muted = true;
    u.media.talking = false;
    out.emplace_back(ev::MediaMute{id, true});
    out.emplace_back(ev::UserUpdated{id});
  }
  return out;
}

void Meeting::revoke_media(User& u, Events& out) {
  if (!u.in_meeting) return;
  bool changed = false;
  if (u.media.audio == MediaState::Audio::mic && !u.media.muted && !may_speak(u)) {
    u.media.muted = true;
    u.media.talking = false;
    out.emplace_back(ev::MediaMute{u.user_id, true});
    changed = true;
  }
  for (auto s : {MediaSource::camera, MediaSource::screen}) {
    bool& on = s == MediaSource::camera ? u.media.video : u.media.screen;
    if (on && !may_publish(u, s)) {
      on = false;
      out.emplace_back(ev::MediaRevoked{u.user_id, s});
      changed = true;
    }
  }
  if (changed) out.emplace_back(ev::UserUpdated{u.user_id});
}

}  // namespace bluemeet::node
