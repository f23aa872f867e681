#include "gateway/tenant_directory.h"

namespace bluemeet::gateway {

void TenantDirectory::configure(const std::vector<db::Tenant>& tenants) {
  std::map<std::string, std::shared_ptr<TenantInfo>, std::less<>> by_name;
  std::map<std::int64_t, std::shared_ptr<TenantInfo>> by_id;
  for (const auto& t : tenants) {
    auto info = std::make_shared<TenantInfo>();
    info->row = t;
    info->state = parse_tenant_state(t.state).value_or(TenantState::suspended);
    if (auto d = bbb::Params::parse(t.default_params)) info->policy.defaults = std::move(*d);
    if (auto f = bbb::Params::parse(t.forced_params)) info->policy.forced = std::move(*f);
    by_name[t.name] = info;
    by_id[t.id] = info;
  }
  by_name_ = std::move(by_name);
  by_id_ = std::move(by_id);
}

const TenantInfo* TenantDirectory::find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second.get();
}

const TenantInfo* TenantDirectory::find(std::int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second.get();
}

std::vector<const TenantInfo*> TenantDirectory::usable() const {
  std::vector<const TenantInfo*> out;
  for (const auto& [name, t] : by_name_)
    if (t->state == TenantState::active || t->state == TenantState::testing) out.push_back(t.get());
  return out;
}

}  // namespace bluemeet::gateway
