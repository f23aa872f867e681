// Authenticating a BBB API call, the same way for the node and the gateway:
// which HTTP methods the call allows, the checksum over the raw query (with
// BBB's POST variants), then the parameters from the query and a form body.
// Pure: the HTTP layer passes in what it received.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "bbb/checksum.h"
#include "bbb/query.h"

namespace bluemeet::bbb {

struct IncomingCall {
  std::string_view call;          // "create", "hooks/list", ...
  bool is_post = false;
  bool other_method = false;      // neither GET, HEAD nor POST
  std::string_view raw_query;     // as received, without '?'
  std::string_view content_type;  // media type, lower-cased, without parameters
  std::string_view body;
};

// Calls that are checked by checksum (not the session-token ones).
bool is_checksum_call(std::string_view call);

// BBB's XML bodies (create's <modules> presentations, insertDocument): a
// non-empty POST of application/xml or text/xml, never part of the checksum.
bool is_xml_body(bool is_post, std::string_view content_type, std::string_view body);

struct Authenticated {
  Params params;  // query, then form-body parameters; invalid UTF-8 replaced by U+FFFD; no checksum
  int secret_index = -1;
};

struct Refusal {
  int http_status = 200;
  std::string body;
  bool json = false;
};

// The parameters of an authentic call, or the exact answer BBB gives to one
// that is not (wrong method, bad checksum, unsupported content type, too many
// parameters). `call` must be a checksum call.
std::variant<Authenticated, Refusal> authenticate(const IncomingCall& in, std::span<const std::string> secrets,
                                                  const ChecksumOptions& options);

}  // namespace bluemeet::bbb
