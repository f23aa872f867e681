#include "portal/db/identities.h"

#include "util/random.h"

namespace bluemeet::portal::db {

using store::Value;

IdentityResult user_for_identity(store::Connection& c, const auth::Identity& id, const std::string& registration,
                                 std::int64_t now) {
  if (!auth::well_formed(id)) return {std::nullopt, "invalidIdentity"};
  store::Transaction tx(c);
  const std::vector<Value> key{id.method, id.issuer, id.subject};
  auto linked = c.query("SELECT u.public_id FROM identities i JOIN users u ON u.id = i.user_id "
                        "WHERE i.method = ? AND i.issuer = ? AND i.subject = ?",
                        key);
  if (!linked.empty()) {
    const std::vector<Value> touch{now, id.method, id.issuer, id.subject};
    c.exec("UPDATE identities SET last_used_at = ? WHERE method = ? AND issuer = ? AND subject = ?", touch);
    auto user = user_by_public_id(c, linked.front().text(0));
    tx.commit();
    return {user, {}, false};
  }

  auto email = normalize_email(id.email);
  bool email_usable = id.email_verified && !email.empty() && !user_by_email(c, email);
  std::optional<std::int64_t> invitation;
  if (registration == "invite") {
    if (email_usable) {
      const std::vector<Value> p{email, now};
      auto rows = c.query("SELECT id FROM invitations WHERE email = ? AND used_at IS NULL AND expires_at > ? LIMIT 1", p);
      if (!rows.empty()) invitation = rows.front().integer(0);
    }
    if (!invitation) return {std::nullopt, "registrationClosed"};
    const std::vector<Value> use{now, *invitation};
    c.exec("UPDATE invitations SET used_at = ? WHERE id = ?", use);
  }
  NewUser n;
  n.name = id.name.empty() ? (email_usable ? email : "User") : id.name;
  n.email = email_usable ? email : "u_" + util::random_lower_alnum(24) + "@" + id.method + ".invalid";
  n.language = id.language == "it" ? "it" : "en";
  n.status = registration == "approval" && !invitation ? "pending" : "active";
  n.verified = true;  // the issuer vouched for the person; a placeholder address is never mailed
  auto user = create_user(c, n, now);
  const std::vector<Value> link{user.id, id.method, id.issuer, id.subject, now, now};
  c.exec("INSERT INTO identities (user_id, method, issuer, subject, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)",
         link);
  tx.commit();
  return {user, {}, true};
}

}  // namespace bluemeet::portal::db
