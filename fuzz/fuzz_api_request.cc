// Any request a client can send to the BBB API: the bytes split into a call
// name, a raw query, a content type and a body, authenticated against a known
// secret. Nothing may crash, and a refusal is always one of BBB's answers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bbb/request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // Fields separated by NUL bytes: flags, call, query, content type, body.
  std::string_view parts[5];
  for (auto& p : parts) {
    auto nul = in.find('\0');
    p = in.substr(0, nul);
    in = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  }
  static const std::string secrets[] = {"8cd8ef52e8e101574e400365b55e11a6", "second-secret"};
  bluemeet::bbb::IncomingCall call;
  call.call = bluemeet::bbb::is_checksum_call(parts[1]) ? parts[1] : std::string_view("create");
  call.is_post = !parts[0].empty() && (parts[0][0] & 1);
  call.other_method = !parts[0].empty() && (parts[0][0] & 2);
  call.raw_query = parts[2];
  call.content_type = parts[3];
  call.body = parts[4];
  bluemeet::bbb::ChecksumOptions options;
  auto outcome = bluemeet::bbb::authenticate(call, secrets, options);
  if (auto* refusal = std::get_if<bluemeet::bbb::Refusal>(&outcome); refusal && refusal->body.empty()) __builtin_trap();
  return 0;
}
