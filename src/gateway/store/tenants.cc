#include "gateway/store/tenants.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "gateway/store/admin_tx.h"

namespace bluemeet::gateway::db {
namespace {

using store::Value;

constexpr const char* kTenantColumns =
    "id, name, state, max_meetings, max_participants_per_meeting, max_participants, default_params, "
    "forced_params, created_at, updated_at";

Tenant tenant_from_row(const store::Row& r) {
  Tenant t;
  t.id = r.integer(0);
  t.name = r.text(1);
  t.state = r.text(2);
  t.limits = {r.integer(3), r.integer(4), r.integer(5)};
  t.default_params = r.text(6);
  t.forced_params = r.text(7);
  t.created_at = r.integer(8);
  t.updated_at = r.integer(9);
  return t;
}

std::vector<std::string> secrets_of(store::Connection& c, std::int64_t tenant_id) {
  std::vector<std::string> out;
  const std::vector<Value> p{tenant_id};
  for (const auto& r : c.query("SELECT secret FROM tenant_secrets WHERE tenant_id = ? ORDER BY id", p))
    out.push_back(r.text(0));
  return out;
}

std::optional<Tenant> one_tenant(store::Connection& c, const std::string& where, const Value& key) {
  const std::vector<Value> p{key};
  auto rows = c.query(std::string("SELECT ") + kTenantColumns + " FROM tenants WHERE " + where, p);
  if (rows.empty()) return std::nullopt;
  Tenant t = tenant_from_row(rows.front());
  t.secrets = secrets_of(c, t.id);
  return t;
}

std::optional<std::int64_t> tenant_id(store::Connection& c, const std::string& name) {
  const std::vector<Value> p{name};
  auto rows = c.query("SELECT id FROM tenants WHERE name = ?", p);
  if (rows.empty()) return std::nullopt;
  return rows.front().integer(0);
}

// Inserts a secret unless any tenant has it; false when one does.
bool insert_secret(store::Connection& c, std::int64_t tenant, const std::string& secret, std::int64_t now) {
  const std::vector<Value> p{tenant, secret, now};
  return !c.query("INSERT INTO tenant_secrets (tenant_id, secret, created_at) VALUES (?, ?, ?) "
                  "ON CONFLICT DO NOTHING RETURNING id",
                  p)
              .empty();
}

}  // namespace

Added add_tenant(store::Connection& c, const std::string& name, const std::string& first_secret, std::int64_t now) {
  return detail::admin_change(c, [&]() -> Added {
    const std::vector<Value> p{name, now, now};
    auto rows = c.query(
        "INSERT INTO tenants (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id", p);
    if (rows.empty()) return {Outcome::name_taken, 0};
    const std::int64_t id = rows.front().integer(0);
    if (!insert_secret(c, id, first_secret, now)) return {Outcome::secret_taken, 0};
    return {Outcome::done, id};
  });
}

std::optional<Tenant> get_tenant(store::Connection& c, const std::string& name) {
  return one_tenant(c, "name = ?", name);
}

std::optional<Tenant> get_tenant_by_id(store::Connection& c, std::int64_t id) {
  return one_tenant(c, "id = ?", id);
}

std::vector<Tenant> list_tenants(store::Connection& c) {
  std::vector<Tenant> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const auto& r : c.query(std::string("SELECT ") + kTenantColumns + " FROM tenants ORDER BY name")) {
    out.push_back(tenant_from_row(r));
    index.emplace(out.back().id, out.size() - 1);
  }
  for (const auto& r : c.query("SELECT tenant_id, secret FROM tenant_secrets ORDER BY id")) {
    // A tenant added between the two queries (outside a transaction) is left
    // for the next load.
    if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].secrets.push_back(r.text(1));
  }
  return out;
}

Outcome update_tenant(store::Connection& c, const std::string& name, const TenantChanges& changes, std::int64_t now) {
  return detail::admin_change(c, [&] {
    std::string sql = "UPDATE tenants SET updated_at = ?";
    std::vector<Value> p{now};
    if (changes.state) {
      sql += ", state = ?";
      p.emplace_back(*changes.state);
    }
    if (changes.limits) {
      sql += ", max_meetings = ?, max_participants_per_meeting = ?, max_participants = ?";
      p.emplace_back(changes.limits->max_meetings);
      p.emplace_back(changes.limits->max_participants_per_meeting);
      p.emplace_back(changes.limits->max_participants);
    }
    if (changes.default_params) {
      sql += ", default_params = ?";
      p.emplace_back(*changes.default_params);
    }
    if (changes.forced_params) {
      sql += ", forced_params = ?";
      p.emplace_back(*changes.forced_params);
    }
    sql += " WHERE name = ?";
    p.emplace_back(name);
    return c.exec(sql, p) == 1 ? Outcome::done : Outcome::not_found;
  });
}

Outcome set_tenant_state(store::Connection& c, const std::string& name, const std::string& state, std::int64_t now) {
  TenantChanges ch;
  ch.state = state;
  return update_tenant(c, name, ch, now);
}

Outcome set_tenant_limits(store::Connection& c, const std::string& name, const TenantLimits& limits,
                          std::int64_t now) {
  TenantChanges ch;
  ch.limits = limits;
  return update_tenant(c, name, ch, now);
}

Outcome set_tenant_params(store::Connection& c, const std::string& name, const std::string& default_params,
                          const std::string& forced_params, std::int64_t now) {
  TenantChanges ch;
  ch.default_params = default_params;
  ch.forced_params = forced_params;
  return update_tenant(c, name, ch, now);
}

Outcome add_tenant_secret(store::Connection& c, const std::string& name, const std::string& secret,
                          std::int64_t now) {
  return detail::admin_change(c, [&] {
    auto id = tenant_id(c, name);
    if (!id) return Outcome::not_found;
    return insert_secret(c, *id, secret, now) ? Outcome::done : Outcome::secret_taken;
  });
}

Outcome remove_tenant_secret(store::Connection& c, const std::string& name, const std::string& secret) {
  // admin_change holds config_version's row lock, so two removals of a
  // tenant's last two secrets run one after the other and the second counts
  // one (PostgreSQL's READ COMMITTED reads afresh per statement).
  return detail::admin_change(c, [&] {
    auto id = tenant_id(c, name);
    if (!id) return Outcome::not_found;
    auto secrets = secrets_of(c, *id);
    if (std::find(secrets.begin(), secrets.end(), secret) == secrets.end()) return Outcome::not_found;
    if (secrets.size() == 1) return Outcome::last_secret;
    const std::vector<Value> p{*id, secret};
    c.exec("DELETE FROM tenant_secrets WHERE tenant_id = ? AND secret = ?", p);
    return Outcome::done;
  });
}

Outcome remove_tenant(store::Connection& c, const std::string& name) {
  return detail::admin_change(c, [&] {
    auto id = tenant_id(c, name);
    if (!id) return Outcome::not_found;
    const std::vector<Value> p{*id};
    if (!c.query("SELECT 1 FROM meetings WHERE tenant_id = ? AND ended_at IS NULL", p).empty())
      return Outcome::live_meetings;
    if (!c.query("SELECT 1 FROM recordings WHERE tenant_id = ? AND state <> 'deleted'", p).empty())
      return Outcome::has_recordings;
    c.exec("DELETE FROM meetings WHERE tenant_id = ? AND ended_at IS NOT NULL", p);
    c.exec("DELETE FROM recordings WHERE tenant_id = ?", p);  // deleted ones: only their rows are left
    try {
      c.exec("DELETE FROM tenants WHERE id = ?", p);  // its secrets go with it (ON DELETE CASCADE)
    } catch (const store::StoreError& e) {
      // Only meetings reference a tenant without cascading: a live one was
      // inserted after the check above. The transaction is rolled back.
      if (e.constraint()) return Outcome::live_meetings;
      throw;
    }
    return Outcome::done;
  });
}

}  // namespace bluemeet::gateway::db
