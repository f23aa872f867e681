// The tenants as a running gateway knows them: a copy of the database's,
// replaced whole whenever an administrator changes something, so request
// handling reads memory only.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/domain/backend_call.h"
#include "gateway/domain/tenant.h"
#include "gateway/store/tenants.h"

namespace bluemeet::gateway {

struct TenantInfo {
  db::Tenant row;
  TenantState state = TenantState::requested;
  ParamPolicy policy;  // parsed default and forced create parameters
};

class TenantDirectory {
 public:
  void configure(const std::vector<db::Tenant>& tenants);
  const TenantInfo* find(std::string_view name) const;
  const TenantInfo* find(std::int64_t id) const;
  // The active or testing tenants, for --tenant-by-secret.
  std::vector<const TenantInfo*> usable() const;
  std::size_t size() const { return by_name_.size(); }

 private:
  std::map<std::string, std::shared_ptr<TenantInfo>, std::less<>> by_name_;
  std::map<std::int64_t, std::shared_ptr<TenantInfo>> by_id_;
};

}  // namespace bluemeet::gateway
