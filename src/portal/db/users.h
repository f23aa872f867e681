// Users, their roles and their sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.h"

namespace bluemeet::portal::db {

struct Role {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> permissions;
  bool has(std::string_view permission) const;
};

struct User {
  std::int64_t id = 0;
  std::string public_id;  // what the API and BBB (userID) see
  std::string name, email, password_hash, language;
  Role role;
  bool verified = false;
  std::string status;  // active, pending, disabled
  std::int64_t created_at = 0;
};

struct NewUser {
  std::string name, email, password_hash, language = "en", role = "User", status = "active";
  bool verified = true;
};

// Emails are compared lower-cased; callers pass them as typed.
std::string normalize_email(std::string_view email);

// Throws StoreError with constraint() when the email is taken.
User create_user(store::Connection& c, const NewUser& u, std::int64_t now);
std::optional<User> user_by_email(store::Connection& c, std::string_view email);
std::optional<User> user_by_public_id(store::Connection& c, std::string_view public_id);
std::int64_t count_users(store::Connection& c);
std::vector<User> list_users(store::Connection& c, std::string_view status);  // empty: all
// An administrator's change; false when there is no such user or role.
bool update_user(store::Connection& c, std::string_view public_id, const std::optional<std::string>& status,
                 const std::optional<std::int64_t>& role_id);
void record_login(store::Connection& c, std::int64_t user_id, std::int64_t now);

std::vector<Role> list_roles(store::Connection& c);

// Custom roles. Permission names are checked by the caller.
struct RoleInfo {
  Role role;
  bool builtin = false;
  std::int64_t users = 0;
};
std::vector<RoleInfo> role_infos(store::Connection& c);
std::optional<RoleInfo> role_info(store::Connection& c, std::int64_t id);
// Throws StoreError with constraint() when the name is taken.
std::int64_t create_role(store::Connection& c, const std::string& name, const std::vector<std::string>& permissions);
void update_role(store::Connection& c, std::int64_t id, const std::string& name, const std::vector<std::string>& permissions);
void delete_role(store::Connection& c, std::int64_t id);

// Sessions by the SHA-256 of their cookie token.
void create_session(store::Connection& c, const std::string& token_hash, std::int64_t user_id, std::int64_t now,
                    std::int64_t expires_at);
std::optional<User> session_user(store::Connection& c, const std::string& token_hash, std::int64_t now);
void delete_session(store::Connection& c, const std::string& token_hash);
void delete_expired_sessions(store::Connection& c, std::int64_t now);

}  // namespace bluemeet::portal::db
