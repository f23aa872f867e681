// Webhook events from servers, relayed to tenants. A server sends the
// gateway every event of its meetings (the gateway registers one hook per
// server); each event is routed by its meeting's backend ID to the tenant
// that owns the meeting, rewritten to show the tenant its own meeting ID and
// callback URLs, and delivered to that tenant's matching hooks only. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/domain/backend_call.h"

namespace bluemeet::gateway {

// What routing needs of one event (one element of the POST's `event` array).
struct ServerEvent {
  std::string event_id;    // "meeting-created", "user-joined", ... (lower case)
  std::string backend_id;  // attributes.meeting["external-meeting-id"]
};
// nullopt when the event is not bbb-webhooks' mapped form or names no meeting.
std::optional<ServerEvent> read_server_event(std::string_view event_json);

// The event as the tenant receives it: external-meeting-id is the tenant's
// meeting ID, and intercepted callback URLs in the meeting's metadata are the
// tenant's again. The input must have passed read_server_event.
std::string tenant_event(std::string_view event_json, std::string_view tenant_meeting_id,
                         const InterceptedCallbacks& callbacks);

}  // namespace bluemeet::gateway
