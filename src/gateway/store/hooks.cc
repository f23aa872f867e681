#include "gateway/store/hooks.h"

#include "gateway/store/admin_tx.h"

namespace bluemeet::gateway::db {

using store::Value;

HookAdded add_hook(store::Connection& c, std::int64_t tenant_id, const bbb::Hook& h, std::size_t max_hooks,
                   std::int64_t now) {
  HookAdded out;
  // Not an Outcome-returning admin change: a duplicate or the limit is an
  // answer, yet nothing changed, so only an insert commits the bump.
  store::Transaction t(c);
  bump_config_version(c);
  const std::vector<Value> key{tenant_id, h.callback_url, h.meeting_id};
  auto dup = c.query("SELECT id FROM hooks WHERE tenant_id = ? AND callback_url = ? AND meeting_id = ?", key);
  if (!dup.empty()) return {HookAdded::Result::duplicate, dup.front().integer(0)};
  const std::vector<Value> tenant{tenant_id};
  if (static_cast<std::size_t>(c.query("SELECT COUNT(*) FROM hooks WHERE tenant_id = ?", tenant).at(0).integer(0)) >=
      max_hooks)
    return {HookAdded::Result::limit, 0};
  const std::vector<Value> p{tenant_id, h.callback_url, h.meeting_id, bbb::join_event_ids(h.event_ids),
                             static_cast<std::int64_t>(h.raw), now};
  out.id = c.query("INSERT INTO hooks (tenant_id, callback_url, meeting_id, event_ids, raw, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   p)
               .at(0)
               .integer(0);
  t.commit();
  return out;
}

std::vector<bbb::Hook> list_hooks(store::Connection& c, std::int64_t tenant_id) {
  const std::vector<Value> p{tenant_id};
  std::vector<bbb::Hook> out;
  for (const auto& r :
       c.query("SELECT id, callback_url, meeting_id, event_ids, raw FROM hooks WHERE tenant_id = ? ORDER BY id", p))
    out.push_back(bbb::stored_hook(r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0));
  return out;
}

bool remove_hook(store::Connection& c, std::int64_t tenant_id, std::int64_t id) {
  return detail::admin_change(c, [&] {
           const std::vector<Value> p{id, tenant_id};
           return c.exec("DELETE FROM hooks WHERE id = ? AND tenant_id = ?", p) > 0 ? Outcome::done
                                                                                      : Outcome::not_found;
         }) == Outcome::done;
}

std::int64_t count_hooks(store::Connection& c) { return c.query("SELECT COUNT(*) FROM hooks").at(0).integer(0); }

std::string setting_or_init(store::Connection& c, const std::string& name, const std::string& initial) {
  const std::vector<Value> p{name, initial};
  c.exec("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", p);
  const std::vector<Value> k{name};
  return c.query("SELECT value FROM settings WHERE name = ?", k).at(0).text(0);
}

}  // namespace bluemeet::gateway::db
