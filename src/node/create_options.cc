#include "node/create_options.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "bbb/meta.h"
#include "util/random.h"
#include "util/text.h"

namespace bluemeet::node {

std::string_view guest_policy_name(GuestPolicy p) {
  switch (p) {
    case GuestPolicy::always_accept: return "ALWAYS_ACCEPT";
    case GuestPolicy::always_deny: return "ALWAYS_DENY";
    case GuestPolicy::ask_moderator: return "ASK_MODERATOR";
    case GuestPolicy::always_accept_auth: return "ALWAYS_ACCEPT_AUTH";
  }
  return "ALWAYS_ACCEPT";
}

namespace {

int bounded_int(const bbb::Params& p, std::string_view key, int fallback, int max) {
  auto v = p.get_uint(key, max);
  return v ? static_cast<int>(*v) : fallback;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

}  // namespace

std::variant<CreateOptions, CreateError> parse_create(const bbb::Params& p, const NodeDefaults& d) {
  CreateOptions o;
  const auto* id = p.find("meetingID");
  if (!id || util::trim(*id).empty())
    return CreateError{"missingParamMeetingID", "You must specify a meeting ID for the meeting."};
  o.meeting_id = util::clean_text(util::trim(*id));
  auto id_len = util::utf8_length(o.meeting_id);
  if (id_len < 2 || id_len > 256 || o.meeting_id.find(',') != std::string::npos)
    return CreateError{"validationError", "Meeting ID must be between 2 and 256 characters and cannot contain commas"};
  if (o.meeting_id != util::trim(*id)) return CreateError{"validationError", "Invalid meeting ID"};

  const auto* name = p.find("name");
  if (!name || util::trim(*name).empty()) return CreateError{"validationError", "You must provide a meeting name"};
  o.name = util::clean_text(util::trim(*name));
  auto name_len = util::utf8_length(o.name);
  if (name_len < 2 || name_len > 256)
    return CreateError{"validationError", "Meeting name must be between 2 and 256 characters"};

  for (auto [key, field] : {std::pair{"attendeePW", &o.attendee_pw}, std::pair{"moderatorPW", &o.moderator_pw}}) {
    if (const auto* pw = p.find(key); pw && !pw->empty()) {
      auto len = util::utf8_length(*pw);
      if (len < 2 || len > 64 || !util::is_valid_utf8(*pw))
        return CreateError{"validationError", "Password must be between 2 and 64 characters"};
      *field = *pw;
      o.passwords_given = true;
    }
  }

  if (const auto* vb = p.find("voiceBridge"); vb && !vb->empty()) {
    auto s = util::trim(*vb);
    if (s.size() > 16 || s.find_first_not_of("0123456789") != std::string_view::npos)
      return CreateError{"validationError", "Voice bridge must be a number"};
    o.voice_bridge = std::string(s);
  }

  o.dial_number = util::clean_text(p.get("dialNumber", d.dial_number));
  o.logout_url = p.get("logoutURL", d.logout_url);
  if (!o.logout_url.empty() && !o.logout_url.starts_with("http://") && !o.logout_url.starts_with("https://"))
    o.logout_url = d.logout_url;  // BBB only follows absolute http(s) logout URLs
  o.max_participants = bounded_int(p, "maxParticipants", d.max_participants, 100000);
  o.duration_minutes = bounded_int(p, "duration", 0, 60 * 24 * 365);
  o.record = d.record_allowed && p.get_bool("record", false);
  o.auto_start_recording = p.get_bool("autoStartRecording", false);
  o.allow_start_stop_recording = p.get_bool("allowStartStopRecording", true);
  o.mute_on_start = p.get_bool("muteOnStart", false);
  o.webcams_only_for_moderator = p.get_bool("webcamsOnlyForModerator", false);
  o.end_when_no_moderator = p.get_bool("endWhenNoModerator", false);
  o.end_when_no_moderator_delay_minutes = bounded_int(p, "endWhenNoModeratorDelayInMinutes", 1, 60 * 24);
  o.expire_no_join_minutes = bounded_int(p, "meetingExpireIfNoUserJoinedInMinutes", d.expire_no_join_minutes, 60 * 24 * 7);
  o.expire_last_left_minutes =
      bounded_int(p, "meetingExpireWhenLastUserLeftInMinutes", d.expire_last_left_minutes, 60 * 24 * 7);
  o.keep_events = p.get_bool("meetingKeepEvents", false);
  o.meeting_ended_url = p.get("meetingEndedURL");

  auto policy = util::to_lower_ascii(p.get("guestPolicy", "ALWAYS_ACCEPT"));
  if (policy == "always_deny") o.guest_policy = GuestPolicy::always_deny;
  else if (policy == "ask_moderator") o.guest_policy = GuestPolicy::ask_moderator;
  else if (policy == "always_accept_auth") o.guest_policy = GuestPolicy::always_accept_auth;
  else o.guest_policy = GuestPolicy::always_accept;

  auto& l = o.lock;
  l.disable_cam = p.get_bool("lockSettingsDisableCam", false);
  l.disable_mic = p.get_bool("lockSettingsDisableMic", false);
  l.disable_private_chat = p.get_bool("lockSettingsDisablePrivateChat", false);
  l.disable_public_chat = p.get_bool("lockSettingsDisablePublicChat", false);
  l.disable_notes = p.get_bool("lockSettingsDisableNotes", p.get_bool("lockSettingsDisableNote", false));
  l.hide_user_list = p.get_bool("lockSettingsHideUserList", false);
  l.lock_on_join = p.get_bool("lockSettingsLockOnJoin", true);

  o.banner_text = util::utf8_truncate(util::clean_text(p.get("bannerText")), 500);
  o.banner_color = p.get("bannerColor");
  if (!o.banner_color.empty() && (o.banner_color.size() > 9 || o.banner_color[0] != '#' ||
                                  o.banner_color.find_first_not_of("#0123456789abcdefABCDEF") != std::string::npos))
    o.banner_color.clear();
  o.meeting_layout = p.get("meetingLayout");
  o.metadata = bbb::collect_meta(p);

  o.is_breakout = p.get_bool("isBreakout", false);
  if (o.is_breakout) {
    o.parent_meeting_id = p.get("parentMeetingID");
    if (o.parent_meeting_id.empty())
      return CreateError{"parentMeetingIdMissing", "No parent meeting ID was provided for the breakout room"};
    o.sequence = bounded_int(p, "sequence", 0, 1000);
    o.free_join = p.get_bool("freeJoin", false);
  }

  if (o.attendee_pw.empty()) o.attendee_pw = util::random_alnum(8);
  if (o.moderator_pw.empty()) o.moderator_pw = util::random_alnum(8);
  o.welcome = util::utf8_truncate(p.get("welcome", d.welcome), 5000);
  o.moderator_only_message = util::utf8_truncate(p.get("moderatorOnlyMessage"), 5000);
  return o;
}

std::string substitute_keywords(std::string_view text, const CreateOptions& o, std::string_view voice_bridge,
                                std::string_view server_url) {
  std::string s(text);
  s = replace_all(std::move(s), "%%CONFNAME%%", o.name);
  s = replace_all(std::move(s), "%%DIALNUM%%", o.dial_number);
  s = replace_all(std::move(s), "%%CONFNUM%%", voice_bridge);
  s = replace_all(std::move(s), "%%SERVERURL%%", server_url);
  return s;
}

void finish_messages(CreateOptions& o, std::string_view voice_bridge, std::string_view server_url) {
  o.welcome = sanitize_html(substitute_keywords(o.welcome, o, voice_bridge, server_url));
  o.moderator_only_message = sanitize_html(substitute_keywords(o.moderator_only_message, o, voice_bridge, server_url));
}

namespace {

constexpr std::array kAllowedTags{"a", "b", "br", "i", "img", "li", "small", "span", "strong", "u", "ul"};

bool safe_url(std::string_view u) {
  auto lower = util::to_lower_ascii(util::trim(u));
  return lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:");
}

void append_escaped_attr(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '"') out += "&quot;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out.push_back(c);
  }
}

}  // namespace

std::string sanitize_html(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c != '<') {
      if (c == '>') out += "&gt;";
      else out.push_back(c);
      ++i;
      continue;
    }
    auto end = in.find('>', i);
    char next = i + 1 < in.size() ? in[i + 1] : '\0';
    // As in HTML, '<' starts a tag only before a letter or '/'; otherwise it is text.
    if (end == std::string_view::npos || !(std::isalpha(static_cast<unsigned char>(next)) || next == '/')) {
      out += "&lt;";
      ++i;
      continue;
    }
    auto tag = in.substr(i + 1, end - i - 1);
    i = end + 1;
    bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    std::size_t n = 0;
    while (n < tag.size() && std::isalnum(static_cast<unsigned char>(tag[n]))) ++n;
    auto name = util::to_lower_ascii(tag.substr(0, n));
    if (!closing && (name == "script" || name == "style")) {
      // Their content is code, not text: drop it with the element.
      auto close = util::to_lower_ascii(in.substr(i)).find("</" + name);
      i = close == std::string::npos ? in.size() : in.find('>', i + close) + 1;
      if (i == 0) i = in.size();
      continue;
    }
    if (std::find(kAllowedTags.begin(), kAllowedTags.end(), name) == kAllowedTags.end()) continue;
    if (closing) {
      out += "</" + name + ">";
      continue;
    }
    out += "<" + name;
    // Only href on <a> and src/alt on <img> survive, and only with safe URLs.
    auto attrs = tag.substr(n);
    auto attr_value = [&](std::string_view attr) -> std::optional<std::string> {
      auto lower = util::to_lower_ascii(attrs);
      auto pos = lower.find(std::string(attr) + "=");
      if (pos == std::string::npos || (pos > 0 && !std::isspace(static_cast<unsigned char>(lower[pos - 1]))))
        return std::nullopt;
      auto v = attrs.substr(pos + attr.size() + 1);
      if (!v.empty() && (v[0] == '"' || v[0] == '\'')) {
        auto q = v.find(v[0], 1);
        return std::string(v.substr(1, q == std::string_view::npos ? std::string_view::npos : q - 1));
      }
      auto sp = v.find_first_of(" \t/");
      return std::string(v.substr(0, sp));
    };
    if (name == "a") {
      if (auto href = attr_value("href"); href && safe_url(*href)) {
        out += " href=\"";
        append_escaped_attr(out, *href);
        out += "\" target=\"_blank\" rel=\"noopener noreferrer\"";
      }
    } else if (name == "img") {
      if (auto src = attr_value("src"); src && safe_url(*src)) {
        out += " src=\"";
        append_escaped_attr(out, *src);
        out += "\"";
      }
      if (auto alt = attr_value("alt")) {
        out += " alt=\"";
        append_escaped_attr(out, *alt);
        out += "\"";
      }
    }
    out += ">";
  }
  return out;
}

}  // namespace bluemeet::node
