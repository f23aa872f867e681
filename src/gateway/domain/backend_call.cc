#include "gateway/domain/backend_call.h"

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "bbb/meta.h"
#include "net/url.h"

namespace bluemeet::gateway {

namespace {

constexpr std::array kIntercepted{"endcallbackurl", "analytics-callback-url", "bbb-recording-ready-url",
                                  "bn-recording-ready-url", "canvas-recording-ready-url"};

// Serializes a node without declaration or whitespace, as BBB's templates do.
std::string raw_xml(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw | pugi::format_no_declaration | pugi::format_no_empty_element_tags);
  return out.str();
}

void restore_metadata(pugi::xml_node meeting, const InterceptedCallbacks& callbacks) {
  auto meta = meeting.child("metadata");
  if (!meta) return;
  for (auto child : meta.children())
    if (const auto* url = callbacks.find(child.name())) child.text().set(url->c_str());
  // The ones never sent to the server (recording-ready) are shown as the tenant gave them.
  for (const auto& [name, url] : callbacks.urls)
    if (!meta.child(name.c_str()) && name != "meetingendedurl") meta.append_child(name.c_str()).text().set(url.c_str());
}

bool map_ids(pugi::xml_node meeting, const IdMapper& to_tenant) {
  auto id = meeting.child("meetingID");
  if (!id) return true;
  auto mapped = to_tenant(id.text().get());
  if (!mapped) return false;
  id.text().set(mapped->c_str());
  return true;
}

}  // namespace

bbb::Params apply_policy(const bbb::Params& request, const ParamPolicy& policy) {
  bbb::Params out = request;
  for (const auto& [k, v] : policy.forced.entries()) out.set(k, v);
  out.merge_missing(policy.defaults);
  return out;
}

const std::string* InterceptedCallbacks::find(std::string_view meta_name) const {
  for (const auto& [k, v] : urls)
    if (k == meta_name) return &v;
  return nullptr;
}

std::string InterceptedCallbacks::to_json() const {
  boost::json::object o;
  for (const auto& [k, v] : urls) o[k] = v;
  return boost::json::serialize(o);
}

InterceptedCallbacks InterceptedCallbacks::from_json(std::string_view json) {
  InterceptedCallbacks out;
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, val] : v.as_object())
    if (val.is_string()) out.urls.emplace_back(std::string(k), std::string(val.as_string()));
  return out;
}

bool is_intercepted_callback(std::string_view meta_name) {
  for (auto n : kIntercepted)
    if (meta_name == n) return true;
  return false;
}

BackendCreate backend_create(const bbb::Params& tenant_params, const std::string& backend_id,
                             const std::string& voice_bridge,
                             const std::function<std::string(std::string_view)>& gateway_callback_url) {
  BackendCreate out;
  for (const auto& [k, v] : tenant_params.entries()) {
    if (k == "meetingID" || k == "voiceBridge" || k == "checksum") continue;
    if (auto name = bbb::meta_name(k); name && is_intercepted_callback(*name)) {
      if (!out.callbacks.find(*name)) out.callbacks.urls.emplace_back(*name, v);
      continue;
    }
    if (k == "meetingEndedURL") {
      // A server-side end callback: the gateway relays it like endCallbackUrl.
      if (!out.callbacks.find("meetingendedurl")) out.callbacks.urls.emplace_back("meetingendedurl", v);
      continue;
    }
    out.params.add(k, v);
  }
  out.params.add("meetingID", backend_id);
  out.params.add("voiceBridge", voice_bridge);
  for (const auto& [name, url] : out.callbacks.urls) {
    // The gateway announces recordings itself once it has imported them;
    // the server's own announcement would come before they can be played.
    if (name.ends_with("recording-ready-url")) continue;
    if (name == "meetingendedurl") out.params.add("meetingEndedURL", gateway_callback_url(name));
    else out.params.add("meta_" + name, gateway_callback_url(name));
  }
  return out;
}

bbb::Params backend_params(const bbb::Params& tenant_params, const std::string& backend_id) {
  bbb::Params out = tenant_params;
  out.erase("checksum");
  if (out.has("meetingID")) out.set("meetingID", backend_id);
  return out;
}

std::optional<std::string> tenant_response(std::string_view backend_xml, const IdMapper& to_tenant,
                                           const InterceptedCallbacks& callbacks) {
  pugi::xml_document doc;
  if (!doc.load_buffer(backend_xml.data(), backend_xml.size())) return std::nullopt;
  auto response = doc.child("response");
  if (!response) return std::nullopt;
  map_ids(response, to_tenant);
  restore_metadata(response, callbacks);
  return raw_xml(response);
}

std::optional<std::string> tenant_meetings(std::string_view backend_xml, const IdMapper& to_tenant,
                                           const std::function<InterceptedCallbacks(std::string_view)>& callbacks_of) {
  pugi::xml_document doc;
  if (!doc.load_buffer(backend_xml.data(), backend_xml.size())) return std::nullopt;
  auto meetings = doc.child("response").child("meetings");
  std::string out;
  for (auto m : meetings.children("meeting")) {
    std::string backend_id = m.child("meetingID").text().get();
    if (!map_ids(m, to_tenant)) continue;  // another tenant's meeting, or one the gateway did not place
    restore_metadata(m, callbacks_of(backend_id));
    out += raw_xml(m);
  }
  return out;
}

std::optional<std::string> tenant_sessions(std::string_view backend_xml,
                                           const std::function<bool(std::string_view)>& is_tenants) {
  pugi::xml_document doc;
  if (!doc.load_buffer(backend_xml.data(), backend_xml.size())) return std::nullopt;
  std::string out;
  for (auto m : doc.child("response").child("sessions").children("meeting"))
    if (is_tenants(m.child_value("meetingID"))) out += raw_xml(m);
  return out;
}

std::string tenant_end_callback(std::string_view url, std::string_view recordingmarks, std::string_view meeting_id) {
  std::string out = bbb::append_query(url, "recordingmarks=" + std::string(recordingmarks == "true" ? "true" : "false"));
  return bbb::append_query(out, "meetingID=" + bbb::form_encode(meeting_id));
}

std::optional<std::string> tenant_analytics_body(std::string_view body, std::string_view meeting_id) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  v.as_object()["meeting_id"] = meeting_id;
  return boost::json::serialize(v);
}

}  // namespace bluemeet::gateway
