#include "bbb/request.h"

#include <array>

#include "bbb/responses.h"
#include "util/text.h"

namespace bluemeet::bbb {
namespace {

enum class Allowed { get_post, get_only, post_only };

struct CallInfo {
  std::string_view name;
  Allowed methods;
};

// BBB 3.0's HTTP methods per call (UrlMappings.groovy).
constexpr std::array kCalls{
    CallInfo{"create", Allowed::get_post},          CallInfo{"join", Allowed::get_only},
    CallInfo{"end", Allowed::get_post},             CallInfo{"isMeetingRunning", Allowed::get_post},
    CallInfo{"getMeetingInfo", Allowed::get_post},  CallInfo{"getMeetings", Allowed::get_post},
    CallInfo{"getSessions", Allowed::get_post},     CallInfo{"sendChatMessage", Allowed::get_only},
    CallInfo{"insertDocument", Allowed::post_only}, CallInfo{"hooks/create", Allowed::get_post},
    CallInfo{"hooks/list", Allowed::get_post},      CallInfo{"hooks/destroy", Allowed::get_post},
    CallInfo{"getRecordings", Allowed::get_post},   CallInfo{"publishRecordings", Allowed::get_only},
    CallInfo{"deleteRecordings", Allowed::get_only}, CallInfo{"updateRecordings", Allowed::get_post},
    CallInfo{"getRecordingTextTracks", Allowed::get_post}, CallInfo{"putRecordingTextTrack", Allowed::post_only},
};

const CallInfo* find_call(std::string_view name) {
  for (const auto& c : kCalls)
    if (c.name == name) return &c;
  return nullptr;
}

bool is_xml_type(std::string_view t) { return t == "application/xml" || t == "text/xml"; }

bool supported_post_type(std::string_view t) {
  return t == "application/x-www-form-urlencoded" || t == "multipart/form-data" || is_xml_type(t);
}

Refusal xml(std::string body, int status = 200) { return Refusal{status, std::move(body), false}; }

}  // namespace

bool is_checksum_call(std::string_view call) { return find_call(call) != nullptr; }

std::variant<Authenticated, Refusal> authenticate(const IncomingCall& in, std::span<const std::string> secrets,
                                                  const ChecksumOptions& options) {
  const CallInfo* info = find_call(in.call);
  if (!info) return xml(error_xml("unsupportedRequest", "This request is not supported."));
  if ((info->methods == Allowed::get_only && in.is_post) || (info->methods == Allowed::post_only && !in.is_post) ||
      in.other_method)
    return xml(error_xml("unsupportedRequest", "This HTTP method is not supported for this call."), 405);
  if (in.raw_query.size() > kMaxQueryBytes) return xml(error_xml("paramError", "The query string is too long."));

  // The checksum comes before anything else, so nothing leaks to an unauthenticated caller.
  bool form = in.is_post && in.content_type == "application/x-www-form-urlencoded";
  std::optional<std::string_view> form_body;
  if (form) form_body = in.body;
  auto outcome = verify_checksum({in.call, in.raw_query, form_body}, secrets, options);
  if (!outcome.ok()) {
    if (in.call == "putRecordingTextTrack" || in.call == "getRecordingTextTracks")
      return Refusal{200,
                     outcome.verdict == ChecksumVerdict::missing ? error_json("paramError", "Missing param checksum.")
                                                                 : error_json("checksumError", errors::kChecksumMessage),
                     true};
    if (in.call.starts_with("hooks/"))
      return xml(error_xml("checksumError", "You did not pass the checksum security check."));
    return xml(errors::checksum());
  }
  if (in.is_post && !in.body.empty() && !supported_post_type(in.content_type))
    return xml(errors::unsupported_content_type());

  auto params = Params::parse(in.raw_query);
  if (params && form_body) {
    auto body_params = Params::parse(*form_body);
    if (!body_params) params.reset();
    else
      for (const auto& [k, v] : body_params->entries()) params->add(k, v);
  }
  if (!params) return xml(error_xml("paramError", "Too many parameters."));
  // Invalid UTF-8 becomes U+FFFD, as a servlet container decodes it, so no raw
  // byte reaches XML, JSON or WebSocket output.
  Authenticated out;
  out.secret_index = outcome.secret_index;
  for (const auto& [k, v] : params->entries())
    if (k != "checksum") out.params.add(util::to_valid_utf8(k), util::to_valid_utf8(v));
  return out;
}

bool is_xml_body(bool is_post, std::string_view content_type, std::string_view body) {
  return is_post && !body.empty() && is_xml_type(content_type);
}

}  // namespace bluemeet::bbb
