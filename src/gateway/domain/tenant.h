// Who a request is for: tenant names, how they are found in a request, their
// lifecycle, and the backend meeting IDs that keep tenants apart on shared
// servers. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::gateway {

enum class TenantState { requested, testing, active, suspended };
std::string_view tenant_state_name(TenantState s);
std::optional<TenantState> parse_tenant_state(std::string_view s);

// A DNS label: ^[a-z0-9][a-z0-9-]{0,62}$, so it can be a host name's first label.
bool valid_tenant_name(std::string_view name);

// The parts of an API request's path: "/t/<tenant>/bigbluebutton/api/<call>"
// or "/bigbluebutton/api/<call>" (call empty for the index).
struct ApiPath {
  std::optional<std::string> tenant;  // from the /t/<tenant>/ prefix
  std::string call;
};
std::optional<ApiPath> parse_api_path(std::string_view path);

// The tenant a Host header names: its first label, when the rest is the
// federation's domain ("unipd.meet.example.org" with domain
// "meet.example.org" -> "unipd"). A port is ignored; case is folded.
std::optional<std::string> tenant_from_host(std::string_view host, std::string_view domain);

// The meeting ID a server sees for a tenant's meeting: "<tenant>~<meetingID>",
// or "<tenant>~h-<sha256(meetingID)>" when that would pass BBB's 256 characters.
// Distinct tenants never share one; the gateway maps back through its table.
std::string backend_meeting_id(std::string_view tenant, std::string_view meeting_id);

}  // namespace bluemeet::gateway
