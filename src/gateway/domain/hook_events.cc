#include "gateway/domain/hook_events.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "util/text.h"

namespace json = boost::json;

namespace bluemeet::gateway {
namespace {

json::object* meeting_of(json::value& v) {
  auto* root = v.if_object();
  auto* data = root ? root->if_contains("data") : nullptr;
  auto* attrs = data && data->is_object() ? data->as_object().if_contains("attributes") : nullptr;
  auto* meeting = attrs && attrs->is_object() ? attrs->as_object().if_contains("meeting") : nullptr;
  return meeting ? meeting->if_object() : nullptr;
}

}  // namespace

std::optional<ServerEvent> read_server_event(std::string_view event_json) {
  boost::system::error_code ec;
  auto v = json::parse(event_json, ec);
  if (ec) return std::nullopt;
  auto* meeting = meeting_of(v);
  if (!meeting) return std::nullopt;  // so v is {"data": {...}}
  const auto* id = v.as_object().at("data").as_object().if_contains("id");
  if (!id || !id->is_string()) return std::nullopt;
  const auto* ext = meeting->if_contains("external-meeting-id");
  if (!ext || !ext->is_string()) return std::nullopt;
  return ServerEvent{util::to_lower_ascii(std::string_view(id->as_string())), std::string(ext->as_string())};
}

std::string tenant_event(std::string_view event_json, std::string_view tenant_meeting_id,
                         const InterceptedCallbacks& callbacks) {
  auto v = json::parse(event_json);
  auto* meeting = meeting_of(v);
  (*meeting)["external-meeting-id"] = tenant_meeting_id;
  if (auto* meta = meeting->if_contains("metadata"); meta && meta->is_object()) {
    for (auto& [k, val] : meta->as_object()) {
      std::string name = util::to_lower_ascii(std::string_view(k));
      if (!is_intercepted_callback(name)) continue;
      if (const auto* url = callbacks.find(name)) val = *url;
    }
  }
  return json::serialize(v);
}

}  // namespace bluemeet::gateway
