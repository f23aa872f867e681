// Whatever a server of the pool answers: its XML rewritten for a tenant
// (create, getMeetingInfo, getMeetings, getSessions) and read as a poll.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gateway/domain/backend_call.h"
#include "gateway/domain/poll_result.h"

using namespace bluemeet::gateway;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto to_tenant = [](std::string_view backend_id) -> std::optional<std::string> {
    if (backend_id.starts_with("acme~")) return std::string(backend_id.substr(5));
    return std::nullopt;
  };
  InterceptedCallbacks callbacks;
  callbacks.urls = {{"endcallbackurl", "https://lms.example/end"}};
  (void)tenant_response(xml, to_tenant, callbacks);
  (void)tenant_meetings(xml, to_tenant, [&](std::string_view) { return callbacks; });
  (void)tenant_sessions(xml, [](std::string_view id) { return id.size() % 2 == 0; });
  (void)parse_get_meetings(xml);
  (void)tenant_analytics_body(xml, "meeting-1");
  return 0;
}
