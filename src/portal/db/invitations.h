// Invitations to register (registration by invitation, or ahead of approval).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.h"

namespace bluemeet::portal::db {

struct Invitation {
  std::int64_t id = 0;
  std::string email;
  std::int64_t created_at = 0, expires_at = 0;
};

Invitation create_invitation(store::Connection& c, const std::string& email, const std::string& token_hash,
                             std::int64_t invited_by, std::int64_t now, std::int64_t expires_at);
std::vector<Invitation> open_invitations(store::Connection& c, std::int64_t now);
bool revoke_invitation(store::Connection& c, std::int64_t id);
// The invitation a valid, unused token is for (not marked used: see use_invitation).
std::optional<Invitation> invitation_by_token(store::Connection& c, const std::string& token_hash, std::int64_t now);
// Marks it used, in the transaction that creates the account; false if someone used it first.
bool use_invitation(store::Connection& c, std::int64_t id, std::int64_t now);

}  // namespace bluemeet::portal::db
