#include "node/payloads.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

#include "bbb/jwt.h"
#include "bbb/query.h"
#include "net/url.h"
#include "util/crypto.h"

namespace json = boost::json;

namespace bluemeet::node {

std::string iso8601(util::Millis t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(t % 1000));
  return out;
}

namespace {

json::object meeting_ref(const Meeting& m) {
  return {{"internal-meeting-id", m.internal_id()}, {"external-meeting-id", m.external_id()}};
}

json::object metadata_object(const Meeting& m) {
  json::object meta;
  for (const auto& [k, v] : m.options().metadata) meta[k] = v;
  return meta;
}

std::string event(std::string_view id, json::object attributes, util::Millis now) {
  json::object data{{"type", "event"}, {"id", id}, {"attributes", std::move(attributes)}, {"event", json::object{{"ts", now}}}};
  return json::serialize(json::object{{"data", std::move(data)}});
}

}  // namespace

std::string webhook_meeting_created(const Meeting& m, util::Millis now) {
  const auto& o = m.options();
  json::object meeting = meeting_ref(m);
  meeting["name"] = o.name;
  meeting["is-breakout"] = o.is_breakout;
  meeting["duration"] = o.duration_minutes;
  meeting["create-time"] = m.create_time();
  meeting["create-date"] = util::java_date_string(m.create_time());
  meeting["moderator-pass"] = o.moderator_pw;
  meeting["viewer-pass"] = o.attendee_pw;
  meeting["record"] = o.record;
  meeting["voice-conf"] = m.voice_bridge();
  meeting["dial-number"] = o.dial_number;
  meeting["max-users"] = o.max_participants;
  meeting["metadata"] = metadata_object(m);
  return event("meeting-created", json::object{{"meeting", std::move(meeting)}}, now);
}

std::string webhook_meeting_ended(const Meeting& m, util::Millis now) {
  return event("meeting-ended", json::object{{"meeting", meeting_ref(m)}}, now);
}

std::string webhook_user(const Meeting& m, const User& u, bool joined, util::Millis now) {
  json::object user{{"internal-user-id", u.user_id},
                    {"external-user-id", u.ext_user_id},
                    {"name", u.name},
                    {"role", role_name(u.role)},
                    {"presenter", u.presenter},
                    {"guest", u.guest},
                    {"stream", ""}};
  return event(joined ? "user-joined" : "user-left", json::object{{"meeting", meeting_ref(m)}, {"user", std::move(user)}},
               now);
}

std::string webhook_presenter(const Meeting& m, const User& u, util::Millis now) {
  json::object user{{"internal-user-id", u.user_id}, {"external-user-id", u.ext_user_id}, {"name", u.name}};
  return event("user-presenter-assigned", json::object{{"meeting", meeting_ref(m)}, {"user", std::move(user)}}, now);
}

std::string webhook_recording(const Meeting& m, bool started, const User* by, util::Millis now) {
  json::object attributes{{"meeting", meeting_ref(m)}};
  if (by) attributes["user"] = json::object{{"internal-user-id", by->user_id}, {"external-user-id", by->ext_user_id}};
  return event(started ? "meeting-recording-started" : "meeting-recording-stopped", std::move(attributes), now);
}

std::string webhook_chat(const Meeting& m, const ChatMessage& msg, const User* sender, util::Millis now) {
  json::object s{{"internal-user-id", msg.user_id},
                 {"external-user-id", sender ? sender->ext_user_id : std::string()},
                 {"name", msg.name},
                 {"time", msg.ts}};
  json::object chat{{"id", std::to_string(msg.id)}, {"message", msg.text}, {"sender", std::move(s)}};
  return event("chat-group-message-sent",
               json::object{{"meeting", meeting_ref(m)}, {"chat-message", std::move(chat)}, {"chat-id", "MAIN-PUBLIC-GROUP-CHAT"}},
               now);
}

std::string presentation_event(const Meeting& m, const std::string& by_user_id, util::Millis now) {
  const auto& p = m.presentation();
  const auto* doc = p.find(p.current);
  json::object attributes{{"meeting", meeting_ref(m)},
                          {"presentation", json::object{{"id", p.current},
                                                        {"name", doc ? doc->name : std::string()},
                                                        {"page", p.page}}}};
  if (const User* u = m.user(by_user_id))
    attributes["user"] = json::object{{"internal-user-id", u->user_id}, {"external-user-id", u->ext_user_id}};
  return event("presentation-changed", std::move(attributes), now);
}

std::string end_callback_url(std::string_view url, const Meeting& m) {
  std::string out = bbb::append_query(url, std::string("recordingmarks=") + (m.recording_marks() ? "true" : "false"));
  return bbb::append_query(out, "meetingID=" + bbb::form_encode(m.external_id()));
}

std::string analytics_body(const Meeting& m) {
  json::object meta;
  for (const auto& [k, v] : m.options().metadata) {
    // BBB drops Greenlight's private keys and the meeting id from this copy.
    if (k.starts_with("gl-") || k.starts_with("gl_") || k == "meeting_id" || k == "meetingid") continue;
    meta[k] = v;
  }
  json::array attendees;
  for (const auto& [ext, a] : m.attendance()) {
    json::array joins, leaves;
    for (auto t : a.joins) joins.emplace_back(iso8601(t));
    for (auto t : a.leaves) leaves.emplace_back(iso8601(t));
    attendees.emplace_back(json::object{
        {"ext_user_id", a.ext_user_id},
        {"name", a.name},
        {"moderator", a.moderator},
        {"joins", std::move(joins)},
        {"leaves", std::move(leaves)},
        {"duration", a.duration_ms / 1000},
        {"recent_talking_time", ""},
        {"engagement", json::object{{"chats", a.chats}, {"talks", 0}, {"raisehand", a.raise_hands}, {"emojis", 0},
                                    {"poll_votes", 0}, {"talk_time", 0}}}});
  }
  util::Millis finish = m.end_time() ? m.end_time() : m.start_time();
  json::object data{{"metadata", std::move(meta)},
                    {"duration", (finish - m.start_time()) / 1000},
                    {"start", iso8601(m.start_time())},
                    {"finish", iso8601(finish)},
                    {"attendees", std::move(attendees)},
                    {"files", json::array{}},
                    {"polls", json::array{}}};
  return json::serialize(json::object{{"version", "1.0"},
                                      {"meeting_id", m.external_id()},
                                      {"internal_meeting_id", m.internal_id()},
                                      {"data", std::move(data)}});
}

std::string analytics_authorization(std::string_view secret, util::Millis now) {
  json::object claims{{"exp", now / 1000 + 24 * 3600}};
  return "Bearer " + bbb::jwt_sign(claims, secret, bbb::JwtAlg::HS512);
}

}  // namespace bluemeet::node
