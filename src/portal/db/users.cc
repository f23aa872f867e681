#include "portal/db/users.h"

#include <algorithm>

#include "util/random.h"
#include "util/text.h"

namespace bluemeet::portal::db {
namespace {

using store::Value;

constexpr const char* kUserSelect =
    "SELECT u.id, u.public_id, u.name, u.email, u.password_hash, u.language, u.verified, u.status, u.created_at, "
    "r.id, r.name, r.permissions FROM users u JOIN roles r ON r.id = u.role_id ";

std::vector<std::string> split_permissions(const std::string& list) {
  std::vector<std::string> out;
  for (std::size_t from = 0; from < list.size();) {
    auto comma = list.find(',', from);
    auto item = list.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return out;
}

User user_from_row(const store::Row& r) {
  User u;
  u.id = r.integer(0);
  u.public_id = r.text(1);
  u.name = r.text(2);
  u.email = r.text(3);
  u.password_hash = r.text(4);
  u.language = r.text(5);
  u.verified = r.integer(6) != 0;
  u.status = r.text(7);
  u.created_at = r.integer(8);
  u.role = Role{r.integer(9), r.text(10), split_permissions(r.text(11))};
  return u;
}

std::optional<User> one_user(store::Connection& c, const std::string& where, const Value& key) {
  const std::vector<Value> p{key};
  auto rows = c.query(std::string(kUserSelect) + where, p);
  if (rows.empty()) return std::nullopt;
  return user_from_row(rows.front());
}

}  // namespace

bool Role::has(std::string_view permission) const {
  return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

std::string normalize_email(std::string_view email) { return util::to_lower_ascii(util::trim(email)); }

User create_user(store::Connection& c, const NewUser& n, std::int64_t now) {
  const std::vector<Value> rp{n.role};
  auto roles = c.query("SELECT id FROM roles WHERE name = ?", rp);
  if (roles.empty()) throw store::StoreError("no role named " + n.role);
  // "u_" + 24 random characters: unguessable, and safe as BBB's userID.
  std::string public_id = "u_" + util::random_lower_alnum(24);
  const std::vector<Value> p{public_id,   n.name,        normalize_email(n.email),      n.password_hash, n.language,
                             roles.front().integer(0), std::int64_t{n.verified ? 1 : 0}, n.status, now};
  c.exec("INSERT INTO users (public_id, name, email, password_hash, language, role_id, verified, status, created_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         p);
  return *user_by_public_id(c, public_id);
}

std::optional<User> user_by_email(store::Connection& c, std::string_view email) {
  return one_user(c, "WHERE u.email = ?", normalize_email(email));
}

std::optional<User> user_by_public_id(store::Connection& c, std::string_view public_id) {
  return one_user(c, "WHERE u.public_id = ?", std::string(public_id));
}

std::int64_t count_users(store::Connection& c) { return c.query("SELECT count(*) FROM users").at(0).integer(0); }

std::vector<User> list_users(store::Connection& c, std::string_view status) {
  std::vector<User> out;
  std::vector<store::Row> rows;
  if (status.empty()) {
    rows = c.query(std::string(kUserSelect) + "ORDER BY u.id LIMIT 10000");
  } else {
    const std::vector<Value> p{std::string(status)};
    rows = c.query(std::string(kUserSelect) + "WHERE u.status = ? ORDER BY u.id LIMIT 10000", p);
  }
  for (const auto& r : rows) out.push_back(user_from_row(r));
  return out;
}

bool update_user(store::Connection& c, std::string_view public_id, const std::optional<std::string>& status,
                 const std::optional<std::int64_t>& role_id) {
  store::Transaction tx(c);
  auto u = user_by_public_id(c, public_id);
  if (!u) return false;
  if (role_id) {
    const std::vector<Value> rp{*role_id};
    if (c.query("SELECT id FROM roles WHERE id = ?", rp).empty()) return false;
    const std::vector<Value> p{*role_id, u->id};
    c.exec("UPDATE users SET role_id = ? WHERE id = ?", p);
  }
  if (status) {
    const std::vector<Value> p{*status, u->id};
    c.exec("UPDATE users SET status = ? WHERE id = ?", p);
    if (*status == "disabled") {  // a disabled account keeps no open session
      const std::vector<Value> s{u->id};
      c.exec("DELETE FROM sessions WHERE user_id = ?", s);
    }
  }
  tx.commit();
  return true;
}

void record_login(store::Connection& c, std::int64_t user_id, std::int64_t now) {
  const std::vector<Value> p{now, user_id};
  c.exec("UPDATE users SET last_login = ? WHERE id = ?", p);
}

std::vector<Role> list_roles(store::Connection& c) {
  std::vector<Role> out;
  for (const auto& r : c.query("SELECT id, name, permissions FROM roles ORDER BY id"))
    out.push_back(Role{r.integer(0), r.text(1), split_permissions(r.text(2))});
  return out;
}

std::vector<RoleInfo> role_infos(store::Connection& c) {
  std::vector<RoleInfo> out;
  for (const auto& r : c.query("SELECT r.id, r.name, r.permissions, r.builtin, "
                               "(SELECT count(*) FROM users u WHERE u.role_id = r.id) FROM roles r ORDER BY r.id"))
    out.push_back(RoleInfo{Role{r.integer(0), r.text(1), split_permissions(r.text(2))}, r.integer(3) != 0, r.integer(4)});
  return out;
}

std::optional<RoleInfo> role_info(store::Connection& c, std::int64_t id) {
  for (auto& r : role_infos(c))
    if (r.role.id == id) return r;
  return std::nullopt;
}

namespace {
std::string join_permissions(const std::vector<std::string>& permissions) {
  std::string out;
  for (const auto& p : permissions) out += (out.empty() ? "" : ",") + p;
  return out;
}
}  // namespace

std::int64_t create_role(store::Connection& c, const std::string& name, const std::vector<std::string>& permissions) {
  const std::vector<Value> p{name, join_permissions(permissions)};
  return c.query("INSERT INTO roles (name, permissions) VALUES (?, ?) RETURNING id", p).at(0).integer(0);
}

void update_role(store::Connection& c, std::int64_t id, const std::string& name, const std::vector<std::string>& permissions) {
  const std::vector<Value> p{name, join_permissions(permissions), id};
  c.exec("UPDATE roles SET name = ?, permissions = ? WHERE id = ?", p);
}

void delete_role(store::Connection& c, std::int64_t id) {
  const std::vector<Value> p{id};
  c.exec("DELETE FROM roles WHERE id = ? AND builtin = 0", p);
}

void create_session(store::Connection& c, const std::string& token_hash, std::int64_t user_id, std::int64_t now,
                    std::int64_t expires_at) {
  const std::vector<Value> p{token_hash, user_id, now, expires_at};
  c.exec("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)", p);
}

std::optional<User> session_user(store::Connection& c, const std::string& token_hash, std::int64_t now) {
  const std::vector<Value> p{token_hash, now};
  auto rows = c.query(std::string(kUserSelect) +
                          "JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ? AND s.expires_at > ? "
                          "AND u.status = 'active'",
                      p);
  if (rows.empty()) return std::nullopt;
  return user_from_row(rows.front());
}

void delete_session(store::Connection& c, const std::string& token_hash) {
  const std::vector<Value> p{token_hash};
  c.exec("DELETE FROM sessions WHERE token_hash = ?", p);
}

void delete_expired_sessions(store::Connection& c, std::int64_t now) {
  const std::vector<Value> p{now};
  c.exec("DELETE FROM sessions WHERE expires_at <= ?", p);
}

}  // namespace bluemeet::portal::db
