// Tenants (member organisations) and their secrets. Every mutation is an
// admin change: it runs in its own transaction that bumps config_version
// (see schema.h), so do not call it inside another store::Transaction.
// Values outside the schema's CHECKs (an unknown state, a negative limit, an
// invalid name) throw store::StoreError; validate them first
// (gateway/domain/tenant.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/store/schema.h"

namespace bluemeet::gateway::db {

struct TenantLimits {
  std::int64_t max_meetings = 0;                  // concurrent meetings; 0 = unlimited
  std::int64_t max_participants_per_meeting = 0;  // 0 = unlimited
  std::int64_t max_participants = 0;              // in all its meetings together; 0 = unlimited
  friend bool operator==(const TenantLimits&, const TenantLimits&) = default;
};

struct Tenant {
  std::int64_t id = 0;
  std::string name;                 // a DNS label
  std::string state = "requested";  // "requested", "testing", "active", "suspended"
  TenantLimits limits;
  std::string default_params;       // form-encoded create parameters
  std::string forced_params;        // form-encoded create parameters
  std::vector<std::string> secrets; // oldest first; never empty
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// What update_tenant changes; fields left empty keep their value.
struct TenantChanges {
  std::optional<std::string> state;
  std::optional<TenantLimits> limits;
  std::optional<std::string> default_params;
  std::optional<std::string> forced_params;
};

// A new tenant in state "requested", with no limits and no parameters.
// name_taken / secret_taken refuse.
Added add_tenant(store::Connection& c, const std::string& name, const std::string& first_secret, std::int64_t now);

std::optional<Tenant> get_tenant(store::Connection& c, const std::string& name);
std::optional<Tenant> get_tenant_by_id(store::Connection& c, std::int64_t id);
std::vector<Tenant> list_tenants(store::Connection& c);  // by name

// All in one admin change; not_found when there is no such tenant.
Outcome update_tenant(store::Connection& c, const std::string& name, const TenantChanges& changes, std::int64_t now);
Outcome set_tenant_state(store::Connection& c, const std::string& name, const std::string& state, std::int64_t now);
Outcome set_tenant_limits(store::Connection& c, const std::string& name, const TenantLimits& limits,
                          std::int64_t now);
Outcome set_tenant_params(store::Connection& c, const std::string& name, const std::string& default_params,
                          const std::string& forced_params, std::int64_t now);

// secret_taken when any tenant already has it; not_found for no such tenant.
Outcome add_tenant_secret(store::Connection& c, const std::string& name, const std::string& secret,
                          std::int64_t now);
// last_secret refuses to leave a tenant without one; not_found when the
// tenant or the secret is not there.
Outcome remove_tenant_secret(store::Connection& c, const std::string& name, const std::string& secret);

// Deletes the tenant with its secrets, its ended meetings and the rows of its
// deleted recordings; has_recordings refuses while it has others. live_meetings
// refuses while any of its meetings has not ended (also one that a racing
// create inserts meanwhile: the meetings' foreign key decides).
Outcome remove_tenant(store::Connection& c, const std::string& name);

}  // namespace bluemeet::gateway::db
