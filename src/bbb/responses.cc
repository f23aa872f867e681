#include "bbb/responses.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "bbb/xml_writer.h"

namespace bluemeet::bbb {

std::string error_xml(std::string_view key, std::string_view message) {
  XmlWriter w;
  w.open("response").elem("returncode", "FAILED").elem("messageKey", key).elem("message", message);
  return std::move(w).str();
}

std::string errors_xml(const std::vector<std::pair<std::string, std::string>>& errs) {
  XmlWriter w;
  w.open("response").elem("returncode", "FAILED").open("errors");
  for (const auto& [k, m] : errs) w.open("error").elem("key", k).elem("message", m).close();
  return std::move(w).str();
}

std::string success_xml(std::string_view key, std::string_view message) {
  XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  if (!key.empty() || !message.empty()) w.elem("messageKey", key).elem("message", message);
  return std::move(w).str();
}

std::string api_index_xml(std::optional<bool> media) {
  XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("version", "2.0").elem("apiVersion", "2.0");
  w.elem("bbbVersion", "3.0.0-bluemeet");
  if (media) w.elem("media", *media ? "true" : "false");
  return std::move(w).str();
}

std::string error_json(std::string_view key, std::string_view message) {
  boost::json::object r;
  r["returncode"] = "FAILED";
  r["messageKey"] = key;
  r["message"] = message;
  boost::json::object root;
  root["response"] = std::move(r);
  return boost::json::serialize(root);
}

namespace errors {
std::string checksum() { return error_xml("checksumError", kChecksumMessage); }
std::string missing_meeting_id() { return error_xml("missingParamMeetingID", "You must specify a meeting ID for the meeting."); }
std::string not_found() { return error_xml("notFound", "A meeting with that ID does not exist"); }
std::string unsupported_content_type() {
  return error_xml("unsupportedContentType", "POST request Content-Type is missing or unsupported");
}
}  // namespace errors

}  // namespace bluemeet::bbb
