// Administrative operations shared by `bluemeet admin` and the admin HTTP
// API, so both validate and apply changes the same way. Each runs on a
// store::Connection (inside Store::run or run_sync).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gateway/store/servers.h"
#include "gateway/store/tenants.h"

namespace bluemeet::gateway::admin {

// Thrown for input an operator must correct; the message says how.
class InvalidInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "https://host" or ".../bigbluebutton" or ".../bigbluebutton/api/" -> ".../bigbluebutton/api".
std::string normalize_api_url(std::string url);

struct NewTenant {
  std::string name;
  std::string secret;            // empty: a new random one
  std::string state = "active";
};
// Returns the secret it got; throws InvalidInput for a bad name or state.
struct TenantAdded {
  db::Outcome outcome;
  std::string secret;
};
TenantAdded add_tenant(store::Connection& c, const NewTenant& t, std::int64_t now);

// Merges "key=value" settings into form-encoded parameters (clear: start empty).
std::string merge_params(const std::string& have, const std::vector<std::string>& key_values, bool clear);

void check_state(const std::string& state);        // tenant states
void check_server_state(const std::string& state);  // enabled, cordoned, disabled
std::string random_secret();

}  // namespace bluemeet::gateway::admin
