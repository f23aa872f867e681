#include "node/meeting_xml.h"

#include "util/clock.h"

namespace bluemeet::node {

std::string create_response_xml(const Meeting& m, bool duplicate) {
  const auto& o = m.options();
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  w.elem("meetingID", o.meeting_id).elem("internalMeetingID", m.internal_id());
  w.elem("parentMeetingID", o.is_breakout ? o.parent_meeting_id : std::string("bbb-none"));
  w.elem("attendeePW", o.attendee_pw).elem("moderatorPW", o.moderator_pw);
  w.elem("createTime", m.create_time()).elem("voiceBridge", m.voice_bridge()).elem("dialNumber", o.dial_number);
  w.elem("createDate", util::java_date_string(m.create_time()));
  w.elem("hasUserJoined", m.has_user_joined()).elem("duration", o.duration_minutes);
  w.elem("hasBeenForciblyEnded", m.forcibly_ended());
  if (duplicate) {
    w.elem("messageKey", "duplicateWarning")
        .elem("message", "This conference was already in existence and may currently be in progress.");
  } else {
    w.elem("messageKey", "").elem("message", "");
  }
  return std::move(w).str();
}

void write_meeting_fields(bbb::XmlWriter& w, const Meeting& m) {
  const auto& o = m.options();
  w.elem("meetingName", o.name).elem("meetingID", o.meeting_id).elem("internalMeetingID", m.internal_id());
  w.elem("createTime", m.create_time()).elem("createDate", util::java_date_string(m.create_time()));
  w.elem("voiceBridge", m.voice_bridge()).elem("dialNumber", o.dial_number);
  w.elem("attendeePW", o.attendee_pw).elem("moderatorPW", o.moderator_pw);
  w.elem("running", m.running()).elem("duration", o.duration_minutes).elem("hasUserJoined", m.has_user_joined());
  w.elem("recording", m.recording()).elem("hasBeenForciblyEnded", m.forcibly_ended());
  w.elem("startTime", m.start_time()).elem("endTime", m.end_time());
  w.elem("participantCount", m.participant_count()).elem("listenerCount", m.listener_count());
  w.elem("voiceParticipantCount", m.voice_participant_count()).elem("videoCount", m.video_count());
  w.elem("maxUsers", o.max_participants).elem("moderatorCount", m.moderator_count());
  w.open("attendees");
  for (const User* u : m.attendees()) {
    w.open("attendee");
    w.elem("userID", u->ext_user_id).elem("fullName", u->name).elem("role", role_name(u->role));
    w.elem("isPresenter", u->presenter).elem("isListeningOnly", u->media.audio == MediaState::Audio::listen);
    w.elem("hasJoinedVoice", u->media.audio != MediaState::Audio::none).elem("hasVideo", u->media.video);
    w.elem("clientType", "HTML5");
    w.open("customdata");
    for (const auto& [k, v] : u->customdata)
      if (bbb::is_xml_name(k)) w.elem(k, v);
    w.close();
    w.close();
  }
  w.close();
  w.open("metadata");
  for (const auto& [k, v] : o.metadata)
    if (bbb::is_xml_name(k)) w.elem(k, v);
  w.close();
  w.elem("isBreakout", o.is_breakout);
  if (o.is_breakout) {
    w.elem("parentMeetingID", o.parent_meeting_id).elem("sequence", o.sequence).elem("freeJoin", o.free_join);
  }
}

std::string meeting_info_xml(const Meeting& m) {
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  write_meeting_fields(w, m);
  return std::move(w).str();
}

std::string meetings_xml(const std::vector<Meeting*>& meetings) {
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  if (meetings.empty()) {
    w.empty("meetings").elem("messageKey", "noMeetings").elem("message", "no meetings were found on this server");
    return std::move(w).str();
  }
  w.open("meetings");
  for (const Meeting* m : meetings) {
    w.open("meeting");
    write_meeting_fields(w, *m);
    w.close();
  }
  return std::move(w).str();
}

std::string join_response_xml(const Meeting& m, const User& u, const std::string& url) {
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  if (u.guest_status == GuestStatus::wait)
    w.elem("messageKey", "guestWait").elem("message", "Guest waiting for approval to join meeting.");
  else
    w.elem("messageKey", "successfullyJoined").elem("message", "You have joined successfully.");
  w.elem("meeting_id", m.internal_id()).elem("user_id", u.user_id).elem("auth_token", u.auth_token);
  w.elem("session_token", u.session_token).elem("guestStatus", guest_status_name(u.guest_status)).elem("url", url);
  return std::move(w).str();
}

}  // namespace bluemeet::node
