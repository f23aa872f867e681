// How a tenant's call becomes a server's call and back. Pure: the gateway's
// I/O layer supplies the mapping decisions (backend ID, server, voice
// bridge, its own callback URLs) and sends what these functions build.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bbb/query.h"

namespace bluemeet::gateway {

// A tenant's create/join parameter policy: defaults fill what the client did
// not send; forced values replace whatever it sent.
struct ParamPolicy {
  bbb::Params defaults;
  bbb::Params forced;
};
bbb::Params apply_policy(const bbb::Params& request, const ParamPolicy& policy);

// The callback metadata the gateway intercepts at create. Each maps a
// lower-cased metadata name to the tenant's URL.
struct InterceptedCallbacks {
  std::vector<std::pair<std::string, std::string>> urls;  // e.g. {"endcallbackurl", "https://lms/..."}
  bool empty() const { return urls.empty(); }
  const std::string* find(std::string_view meta_name) const;
  std::string to_json() const;
  static InterceptedCallbacks from_json(std::string_view json);
};
// True for the metadata names whose URLs the gateway takes over.
bool is_intercepted_callback(std::string_view meta_name);

struct BackendCreate {
  bbb::Params params;             // to send to the server (sign with its secret)
  InterceptedCallbacks callbacks;  // to keep with the meeting
};
// Rewrites a tenant's create for a server: meetingID becomes backend_id,
// the voice bridge is the gateway's, and intercepted callback URLs are
// replaced by gateway_callback_url(meta name), except the recording-ready
// URLs, which the server is not given at all (the gateway calls them after
// import). Everything else passes through.
BackendCreate backend_create(const bbb::Params& tenant_params, const std::string& backend_id,
                             const std::string& voice_bridge,
                             const std::function<std::string(std::string_view meta_name)>& gateway_callback_url);

// Any other meeting call: the same parameters with meetingID replaced.
bbb::Params backend_params(const bbb::Params& tenant_params, const std::string& backend_id);

// Maps a backend meeting ID back to the tenant's, or nullopt when it is not
// one of this tenant's meetings.
using IdMapper = std::function<std::optional<std::string>(std::string_view backend_id)>;

// A server's XML answer as the tenant must see it: every <meetingID> mapped
// back, and intercepted callback URLs in <metadata> restored. nullopt when the
// XML does not parse.
std::optional<std::string> tenant_response(std::string_view backend_xml, const IdMapper& to_tenant,
                                           const InterceptedCallbacks& callbacks);

// From a server's getMeetings answer, the <meeting> elements of this tenant's
// meetings, rewritten as above, serialized one after another.
std::optional<std::string> tenant_meetings(std::string_view backend_xml, const IdMapper& to_tenant,
                                           const std::function<InterceptedCallbacks(std::string_view backend_id)>& callbacks_of);

// From a server's getSessions answer, the <meeting> elements (one per user)
// of this tenant's meetings, picked by their internal meeting IDs,
// serialized one after another.
std::optional<std::string> tenant_sessions(std::string_view backend_xml,
                                           const std::function<bool(std::string_view internal_id)>& is_tenants);

// The end callback a tenant receives: its URL with recordingmarks and its own
// meetingID added (existing query kept), as a BBB server would call it.
std::string tenant_end_callback(std::string_view url, std::string_view recordingmarks, std::string_view meeting_id);
// The analytics body with the tenant's meeting ID in place of the backend's;
// nullopt when the body is not a JSON object.
std::optional<std::string> tenant_analytics_body(std::string_view body, std::string_view meeting_id);

}  // namespace bluemeet::gateway
