#include "node/session_json.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace json = boost::json;

namespace bluemeet::node::session {
namespace {

std::string_view audio_name(MediaState::Audio a) {
  switch (a) {
    case MediaState::Audio::none: return "none";
    case MediaState::Audio::listen: return "listen";
    case MediaState::Audio::mic: return "mic";
  }
  return "none";
}

json::object user_object(const User& u) {
  return {{"userId", u.user_id},
          {"extUserId", u.ext_user_id},
          {"name", u.name},
          {"role", role_name(u.role)},
          {"presenter", u.presenter},
          {"raisedHand", u.raised_hand},
          {"guest", u.guest},
          {"locked", u.locked},
          {"media", json::object{{"audio", audio_name(u.media.audio)},
                                 {"muted", u.media.muted},
                                 {"talking", u.media.talking},
                                 {"video", u.media.video},
                                 {"screen", u.media.screen}}}};
}

json::object lock_object(const LockSettings& l) {
  return {{"disableCam", l.disable_cam},          {"disableMic", l.disable_mic},
          {"disablePrivateChat", l.disable_private_chat}, {"disablePublicChat", l.disable_public_chat},
          {"disableNotes", l.disable_notes},      {"hideUserList", l.hide_user_list},
          {"lockOnJoin", l.lock_on_join}};
}

json::object chat_object(const ChatMessage& m) {
  return {{"id", m.id}, {"userId", m.user_id}, {"name", m.name}, {"text", m.text}, {"ts", m.ts}};
}

json::array guest_array(const Meeting& m) {
  json::array a;
  for (const User* g : m.waiting_guests())
    a.emplace_back(json::object{{"userId", g->user_id}, {"name", g->name}, {"since", g->waiting_since}});
  return a;
}

json::object presentation_object(const Meeting& m, const User& you) {
  const auto& p = m.presentation();
  json::array docs;
  for (const auto& d : p.docs)
    docs.emplace_back(json::object{{"id", d.id},
                                   {"name", d.name},
                                   {"kind", kind_name(d.kind)},
                                   {"url", "/bigbluebutton/presentation/" + d.id + "?sessionToken=" + you.session_token},
                                   {"downloadable", d.downloadable}});
  json::value current = p.current.empty() ? json::value(nullptr) : json::value(p.current);
  return {{"docs", std::move(docs)}, {"current", std::move(current)}, {"page", p.page}};
}

std::string message(std::string_view type, json::object fields) {
  fields["type"] = type;
  return json::serialize(fields);
}

}  // namespace

std::string welcome(const Meeting& m, const User& you, std::string_view logout_url, json::object media) {
  const auto& o = m.options();
  std::string welcome_text = o.welcome;
  if (you.role == Role::moderator && !o.moderator_only_message.empty())
    welcome_text += "<br><br>" + o.moderator_only_message;
  json::object meeting{{"name", o.name},
                       {"meetingId", o.meeting_id},
                       {"internalMeetingId", m.internal_id()},
                       {"welcome", welcome_text},
                       {"bannerText", o.banner_text},
                       {"bannerColor", o.banner_color},
                       {"logoutUrl", logout_url},
                       {"recording", m.recording()},
                       {"canRecord", o.record && o.allow_start_stop_recording},
                       {"guestPolicy", guest_policy_name(o.guest_policy)},
                       {"createTime", m.create_time()},
                       {"durationMinutes", o.duration_minutes}};
  json::array users;
  for (const User* u : m.attendees())
    if (m.can_see(you, *u)) users.emplace_back(user_object(*u));
  json::array chat;
  const auto& history = m.chat_history();
  std::size_t skip = history.size() > 200 ? history.size() - 200 : 0;
  for (std::size_t i = skip; i < history.size(); ++i) chat.emplace_back(chat_object(history[i]));
  return message("welcome", {{"you", user_object(you)},
                             {"meeting", std::move(meeting)},
                             {"lock", lock_object(m.lock())},
                             {"users", std::move(users)},
                             {"chat", std::move(chat)},
                             {"guests", you.role == Role::moderator ? guest_array(m) : json::array{}},
                             {"media", std::move(media)},
                             {"presentation", presentation_object(m, you)}});
}

std::string waiting() { return message("waiting", {{"message", "Waiting for a moderator to let you in"}}); }
std::string denied(std::string_view logout_url) { return message("denied", {{"logoutUrl", logout_url}}); }
std::string user_joined(const User& u) { return message("userJoined", {{"user", user_object(u)}}); }
std::string user_left(const std::string& id) { return message("userLeft", {{"userId", id}}); }
std::string user_updated(const User& u) { return message("userUpdated", {{"user", user_object(u)}}); }
std::string chat(const ChatMessage& m) { return message("chat", {{"message", chat_object(m)}}); }
std::string guests(const Meeting& m) { return message("guests", {{"guests", guest_array(m)}}); }
std::string lock(const LockSettings& l) { return message("lock", {{"lock", lock_object(l)}}); }
std::string recording(bool on) { return message("recording", {{"recording", on}}); }
std::string presentation(const Meeting& m, const User& you) {
  return message("presentation", {{"presentation", presentation_object(m, you)}});
}
std::string ended(std::string_view reason, std::string_view logout_url) {
  return message("ended", {{"reason", reason}, {"logoutUrl", logout_url}});
}
std::string error(std::string_view code, std::string_view text) {
  return message("error", {{"code", code}, {"message", text}});
}
std::string pong(std::string_view id) { return message("pong", {{"id", id}}); }

std::string media_answer(std::string_view pc, std::string_view sdp) {
  return message("mediaAnswer", {{"pc", pc}, {"sdp", sdp}});
}
std::string media_offer(std::string_view sdp, json::array streams) {
  return message("mediaOffer", {{"pc", "subscriber"}, {"sdp", sdp}, {"streams", std::move(streams)}});
}
std::string media_candidate(std::string_view pc, const json::value& candidate) {
  return message("mediaCandidate", {{"pc", pc}, {"candidate", candidate}});
}
std::string media_stopped(std::string_view pc, std::string_view reason) {
  return message("mediaStopped", {{"pc", pc}, {"reason", reason}});
}

std::string media_error(std::string_view pc, std::string_view code, std::string_view text) {
  return message("error", {{"code", code}, {"message", text}, {"pc", pc}});
}
std::string media_pc(const ClientMessage& msg) {
  if (msg.type == "mediaAudioJoin") return "audio";
  if (msg.type == "mediaPublish") return msg.source;
  return msg.pc;
}
std::string media_muted_all(bool muted) { return message("mediaMutedAll", {{"muted", muted}}); }

ClientMessage parse_client_message(std::string_view text, const LockSettings& current) {
  ClientMessage out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  const auto& o = v.as_object();
  auto str = [&](std::string_view key) -> std::string {
    const auto* f = o.if_contains(key);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  auto boolean = [&](std::string_view key, bool fallback) {
    const auto* f = o.if_contains(key);
    return f && f->is_bool() ? f->as_bool() : fallback;
  };
  out.type = str("type");
  out.text = str("text");
  out.user_id = str("userId");
  out.id = str("id");
  if (const auto* id = o.if_contains("id"); id && id->is_number()) out.id = json::serialize(*id);
  if (out.type == "handSet") out.flag = boolean("raised", false);
  if (out.type == "guestDecide") out.flag = boolean("allow", false);
  if (out.type == "recordingSet") out.flag = boolean("recording", false);
  if (out.type.starts_with("media")) {
    out.pc = str("pc");
    out.sdp = str("sdp");
    out.source = str("source");
    out.listen_only = boolean("listenOnly", false);
    out.flag = boolean("muted", false);
    out.except_presenter = boolean("exceptPresenter", false);
    if (const auto* c = o.if_contains("candidate"); c && (c->is_object() || c->is_null())) out.candidate = *c;
  }
  if (out.type == "presentationShow") {
    out.doc_id = str("docId");
    if (const auto* p = o.if_contains("page"); p && p->is_int64() && p->as_int64() > 0 && p->as_int64() <= kMaxPage)
      out.page = static_cast<int>(p->as_int64());
  }
  if (out.type == "lockSet") {
    if (const auto* l = o.if_contains("lock"); l && l->is_object()) {
      const auto& lo = l->as_object();
      auto b = [&](std::string_view key, bool fallback) {
        const auto* f = lo.if_contains(key);
        return f && f->is_bool() ? f->as_bool() : fallback;
      };
      LockSettings s = current;
      s.disable_cam = b("disableCam", s.disable_cam);
      s.disable_mic = b("disableMic", s.disable_mic);
      s.disable_private_chat = b("disablePrivateChat", s.disable_private_chat);
      s.disable_public_chat = b("disablePublicChat", s.disable_public_chat);
      s.disable_notes = b("disableNotes", s.disable_notes);
      s.hide_user_list = b("hideUserList", s.hide_user_list);
      s.lock_on_join = b("lockOnJoin", s.lock_on_join);
      out.lock = s;
    }
  }
  return out;
}

}  // namespace bluemeet::node::session
