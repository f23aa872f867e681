#include "portal/db/invitations.h"

namespace bluemeet::portal::db {

using store::Value;

Invitation create_invitation(store::Connection& c, const std::string& email, const std::string& token_hash,
                             std::int64_t invited_by, std::int64_t now, std::int64_t expires_at) {
  const std::vector<Value> p{email, token_hash, invited_by, now, expires_at};
  auto rows = c.query("INSERT INTO invitations (email, token_hash, invited_by, created_at, expires_at) "
                      "VALUES (?, ?, ?, ?, ?) RETURNING id",
                      p);
  return Invitation{rows.at(0).integer(0), email, now, expires_at};
}

std::vector<Invitation> open_invitations(store::Connection& c, std::int64_t now) {
  std::vector<Invitation> out;
  const std::vector<Value> p{now};
  for (const auto& r : c.query("SELECT id, email, created_at, expires_at FROM invitations "
                               "WHERE used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1000",
                               p))
    out.push_back({r.integer(0), r.text(1), r.integer(2), r.integer(3)});
  return out;
}

bool revoke_invitation(store::Connection& c, std::int64_t id) {
  const std::vector<Value> p{id};
  return c.exec("DELETE FROM invitations WHERE id = ? AND used_at IS NULL", p) > 0;
}

std::optional<Invitation> invitation_by_token(store::Connection& c, const std::string& token_hash, std::int64_t now) {
  const std::vector<Value> p{token_hash, now};
  auto rows = c.query("SELECT id, email, created_at, expires_at FROM invitations "
                      "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                      p);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return Invitation{r.integer(0), r.text(1), r.integer(2), r.integer(3)};
}

bool use_invitation(store::Connection& c, std::int64_t id, std::int64_t now) {
  const std::vector<Value> p{now, id};
  return c.exec("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL", p) > 0;
}

}  // namespace bluemeet::portal::db
