// Tenants' webhook subscriptions (hooks/create through the gateway) and the
// gateway's settings. A hook belongs to one tenant: every function takes the
// tenant, so one tenant can neither list nor destroy another's. Creating or
// destroying a hook is an admin change (it bumps config_version), because
// running gateways register themselves on the servers only while some
// tenant has a hook.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bbb/webhooks.h"
#include "gateway/store/schema.h"

namespace bluemeet::gateway::db {

struct HookAdded {
  enum class Result { added, duplicate, limit } result = Result::added;
  std::int64_t id = 0;  // the new hook, or the existing one for a duplicate
};
// Adds a hook unless the tenant has one for the same URL and meeting
// (duplicate, with its id) or already has max_hooks.
HookAdded add_hook(store::Connection& c, std::int64_t tenant_id, const bbb::Hook& h, std::size_t max_hooks,
                   std::int64_t now);
// The tenant's hooks, oldest first.
std::vector<bbb::Hook> list_hooks(store::Connection& c, std::int64_t tenant_id);
// false when the tenant has no hook with that id.
bool remove_hook(store::Connection& c, std::int64_t tenant_id, std::int64_t id);
std::int64_t count_hooks(store::Connection& c);  // of all tenants

// A setting every gateway on the database shares: the stored value, or
// `initial` stored now when there is none (the first gateway to ask wins).
std::string setting_or_init(store::Connection& c, const std::string& name, const std::string& initial);

}  // namespace bluemeet::gateway::db
