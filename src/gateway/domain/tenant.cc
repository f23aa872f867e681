#include "gateway/domain/tenant.h"

#include "util/crypto.h"
#include "util/text.h"

namespace bluemeet::gateway {

std::string_view tenant_state_name(TenantState s) {
  switch (s) {
    case TenantState::requested: return "requested";
    case TenantState::testing: return "testing";
    case TenantState::active: return "active";
    case TenantState::suspended: return "suspended";
  }
  return "requested";
}

std::optional<TenantState> parse_tenant_state(std::string_view s) {
  for (auto st : {TenantState::requested, TenantState::testing, TenantState::active, TenantState::suspended})
    if (tenant_state_name(st) == s) return st;
  return std::nullopt;
}

bool valid_tenant_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!ok(name[0])) return false;
  for (char c : name)
    if (!ok(c) && c != '-') return false;
  return true;
}

std::optional<ApiPath> parse_api_path(std::string_view path) {
  ApiPath out;
  if (path.starts_with("/t/")) {
    path.remove_prefix(3);
    auto slash = path.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto name = path.substr(0, slash);
    if (!valid_tenant_name(name)) return std::nullopt;
    out.tenant = std::string(name);
    path.remove_prefix(slash);
  }
  constexpr std::string_view prefix = "/bigbluebutton/api";
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  if (path.empty() || path == "/") return out;
  if (path[0] != '/') return std::nullopt;
  out.call = std::string(path.substr(1));
  return out;
}

std::optional<std::string> tenant_from_host(std::string_view host, std::string_view domain) {
  if (domain.empty()) return std::nullopt;
  if (!host.empty() && host[0] == '[') return std::nullopt;  // an IPv6 literal has no labels
  auto colon = host.rfind(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  auto lower = util::to_lower_ascii(host);
  auto dom = util::to_lower_ascii(domain);
  if (lower.size() <= dom.size() + 1 || !lower.ends_with(dom) || lower[lower.size() - dom.size() - 1] != '.')
    return std::nullopt;
  auto label = lower.substr(0, lower.size() - dom.size() - 1);
  if (!valid_tenant_name(label)) return std::nullopt;  // also refuses deeper names (a.b.domain)
  return label;
}

std::string backend_meeting_id(std::string_view tenant, std::string_view meeting_id) {
  std::string id = std::string(tenant) + "~" + std::string(meeting_id);
  if (util::utf8_length(id) <= 256) return id;
  return std::string(tenant) + "~h-" + util::hex_digest(util::HashAlg::sha256, meeting_id);
}

}  // namespace bluemeet::gateway
