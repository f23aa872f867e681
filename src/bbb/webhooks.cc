#include "bbb/webhooks.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "bbb/query.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "util/crypto.h"
#include "util/text.h"

namespace json = boost::json;

namespace bluemeet::bbb {

bool Hook::wants(std::string_view event_id, std::string_view external_meeting_id) const {
  if (!meeting_id.empty() && meeting_id != external_meeting_id) return false;
  return event_ids.empty() || event_ids.contains(util::to_lower_ascii(event_id));
}

Hook stored_hook(std::int64_t id, std::string callback_url, std::string meeting_id, std::string_view event_ids, bool raw) {
  Hook h;
  h.id = id;
  h.callback_url = std::move(callback_url);
  h.meeting_id = std::move(meeting_id);
  h.event_ids = parse_event_ids(event_ids);
  h.raw = raw;
  return h;
}

std::set<std::string> parse_event_ids(std::string_view list) {
  std::set<std::string> out;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = util::trim(list.substr(0, comma));
    if (!item.empty()) out.emplace(util::to_lower_ascii(item));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return out;
}

std::string join_event_ids(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& e : ids) {
    if (!out.empty()) out.push_back(',');
    out += e;
  }
  return out;
}

std::string webhook_body(std::string_view domain, std::string_view events_json, std::int64_t now_ms) {
  std::string events = "[";
  events.append(events_json);
  events.push_back(']');
  return "domain=" + form_encode(domain) + "&event=" + form_encode(events) + "&timestamp=" + std::to_string(now_ms);
}

std::string webhook_signed_url(std::string_view callback_url, std::string_view body, std::string_view secret) {
  auto checksum = util::hex_digest(util::HashAlg::sha1, {callback_url, body, secret});
  return append_query(callback_url, "checksum=" + checksum);
}

bool webhook_checksum_valid(std::string_view callback_url, std::string_view body, std::string_view secret,
                            std::string_view checksum) {
  return util::constant_time_equal_nocase(util::hex_digest(util::HashAlg::sha1, {callback_url, body, secret}),
                                          checksum);
}

std::optional<WebhookPost> parse_webhook_post(std::string_view body) {
  auto params = Params::parse(body);
  if (!params) return std::nullopt;
  const auto* events = params->find("event");
  if (!events) return std::nullopt;
  boost::system::error_code ec;
  auto v = json::parse(*events, ec);
  if (ec || !v.is_array()) return std::nullopt;
  WebhookPost post;
  post.domain = params->get("domain");
  post.timestamp = params->get_uint("timestamp", INT64_MAX).value_or(0);
  for (const auto& e : v.as_array()) post.events.push_back(json::serialize(e));
  return post;
}

std::string hook_created_xml(std::int64_t id, bool raw) {
  XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("hookID", id);
  w.elem("permanentHook", false).elem("rawData", raw);
  return std::move(w).str();
}

std::string hook_duplicate_xml(std::int64_t id) {
  XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("hookID", id);
  w.elem("messageKey", "duplicateWarning").elem("message", "There is already a hook for this callback URL.");
  return std::move(w).str();
}

std::string hook_removed_xml() {
  XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("removed", true);
  return std::move(w).str();
}

std::string hooks_list_xml(const std::vector<const Hook*>& hooks) {
  XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").open("hooks");
  for (const Hook* h : hooks) {
    w.open("hook").elem("hookID", h->id).cdata_elem("callbackURL", h->callback_url);
    if (!h->meeting_id.empty()) w.cdata_elem("meetingID", h->meeting_id);
    w.elem("permanentHook", h->permanent);
    if (!h->event_ids.empty()) w.elem("eventID", join_event_ids(h->event_ids));
    w.elem("rawData", h->raw).close();
  }
  return std::move(w).str();
}

namespace errors {
std::string missing_callback_url() {
  return error_xml("missingParamCallbackURL", "You must specify a callbackURL in the parameters.");
}
std::string create_hook_error() {
  return error_xml("createHookError", "An error happened while creating your hook. Check the logs.");
}
std::string missing_hook_id() { return error_xml("missingParamHookID", "You must specify a hookID in the parameters."); }
std::string destroy_missing_hook() { return error_xml("destroyMissingHook", "The hook informed was not found."); }
std::string destroy_hook_error() {
  return error_xml("destroyHookError", "An error happened while removing your hook. Check the logs.");
}
}  // namespace errors

}  // namespace bluemeet::bbb
