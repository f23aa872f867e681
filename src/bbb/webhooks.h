// bbb-webhooks' protocol, shared by the node (which fires events) and the
// gateway (which relays them per tenant): a hook's subscription semantics,
// the form body and checksum of an event POST, and the XML of the
// hooks/create|list|destroy answers. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::bbb {

struct Hook {
  std::int64_t id = 0;
  std::string callback_url;
  std::string meeting_id;           // external ID; empty: every meeting
  std::set<std::string> event_ids;  // lower-cased; empty: every event
  bool raw = false;
  bool permanent = false;

  bool wants(std::string_view event_id, std::string_view external_meeting_id) const;
};

// A hook as stored (event IDs as join_event_ids wrote them).
Hook stored_hook(std::int64_t id, std::string callback_url, std::string meeting_id, std::string_view event_ids, bool raw);

// Parses "a,b,c" into a set of lower-cased event IDs (trimmed, empty items dropped).
std::set<std::string> parse_event_ids(std::string_view list);
std::string join_event_ids(const std::set<std::string>& ids);  // "a,b,c"

// The form body bbb-webhooks posts: domain=...&event=[<event>,...]&timestamp=...
// `events_json` is the JSON array's content without brackets.
std::string webhook_body(std::string_view domain, std::string_view events_json, std::int64_t now_ms);
// The callback URL with ?checksum=sha1(url + body + secret) appended.
std::string webhook_signed_url(std::string_view callback_url, std::string_view body, std::string_view secret);
// Checks an event POST against the URL it was sent to (without its checksum
// parameter), in constant time.
bool webhook_checksum_valid(std::string_view callback_url, std::string_view body, std::string_view secret,
                            std::string_view checksum);

// A received event POST: its events as JSON texts (each one element of the
// `event` array), or nullopt when the body is not bbb-webhooks' form.
struct WebhookPost {
  std::string domain;
  std::vector<std::string> events;
  std::int64_t timestamp = 0;
};
std::optional<WebhookPost> parse_webhook_post(std::string_view body);

// Answers of the hooks API, as bbb-webhooks writes them.
std::string hook_created_xml(std::int64_t id, bool raw);
std::string hook_duplicate_xml(std::int64_t id);
std::string hook_removed_xml();
std::string hooks_list_xml(const std::vector<const Hook*>& hooks);
namespace errors {
std::string missing_callback_url();
std::string create_hook_error();
std::string missing_hook_id();
std::string destroy_missing_hook();
std::string destroy_hook_error();
}  // namespace errors

// Limits: callback URL length and hooks per registry (node) or tenant (gateway).
inline constexpr std::size_t kMaxHookUrlLength = 2048;
inline constexpr std::size_t kMaxHooks = 1000;

}  // namespace bluemeet::bbb
