#include "gateway/admin_ops.h"

#include "bbb/query.h"
#include "gateway/domain/tenant.h"
#include "util/random.h"

namespace bluemeet::gateway::admin {

std::string normalize_api_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.starts_with("http://") && !url.starts_with("https://"))
    throw InvalidInput("a server URL starts with http:// or https://");
  if (!url.ends_with("/bigbluebutton/api")) url += url.ends_with("/bigbluebutton") ? "/api" : "/bigbluebutton/api";
  return url;
}

std::string random_secret() { return util::random_alnum(40); }

void check_state(const std::string& state) {
  if (!parse_tenant_state(state)) throw InvalidInput("a tenant's state is requested, testing, active or suspended");
}

void check_server_state(const std::string& state) {
  if (state != "enabled" && state != "cordoned" && state != "disabled")
    throw InvalidInput("a server's state is enabled, cordoned or disabled");
}

TenantAdded add_tenant(store::Connection& c, const NewTenant& t, std::int64_t now) {
  if (!valid_tenant_name(t.name)) throw InvalidInput("tenant names are DNS labels: a-z, 0-9 and '-', at most 63");
  check_state(t.state);
  TenantAdded out{db::Outcome::done, t.secret.empty() ? random_secret() : t.secret};
  auto added = db::add_tenant(c, t.name, out.secret, now);
  out.outcome = added.outcome;
  if (added.outcome == db::Outcome::done && t.state != "requested") db::set_tenant_state(c, t.name, t.state, now);
  return out;
}

std::string merge_params(const std::string& have, const std::vector<std::string>& key_values, bool clear) {
  auto p = clear ? bbb::Params{} : bbb::Params::parse(have).value_or(bbb::Params{});
  for (const auto& item : key_values) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw InvalidInput("expected key=value, got '" + item + "'");
    p.set(item.substr(0, eq), item.substr(eq + 1));
  }
  return p.encode();
}

}  // namespace bluemeet::gateway::admin
