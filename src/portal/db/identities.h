// External identities (auth/identity.h) and the users they lead to.
#pragma once

#include <optional>
#include <string>

#include "portal/auth/identity.h"
#include "portal/db/users.h"
#include "store/connection.h"

namespace bluemeet::portal::db {

struct IdentityResult {
  std::optional<User> user;
  std::string error;  // registrationClosed, invalidIdentity; empty with a user
  bool created = false;
};

// The user an identity belongs to: the one it was linked to before, or a new
// one made by the site's registration rules (open: active; approval:
// pending; invite: refused unless an open invitation names the asserted,
// verified address). A new user takes the asserted email when it is
// verified and no other account has it; otherwise a placeholder
// (<public id>@<method>.invalid) that no one can sign in or be mailed with.
// One transaction.
IdentityResult user_for_identity(store::Connection& c, const auth::Identity& id, const std::string& registration,
                                 std::int64_t now);

}  // namespace bluemeet::portal::db
