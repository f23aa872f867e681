// Passwords: argon2id (libargon2) in its PHC string form, with OWASP's
// minimum parameters (19 MiB, 2 passes, 1 lane) so that a sign-in costs tens
// of milliseconds. Hashing is CPU-heavy: callers run it off the event loop.
#pragma once

#include <string>
#include <string_view>

namespace bluemeet::portal {

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 1024;  // argon2 takes any length; a bound keeps requests cheap

std::string hash_password(std::string_view password);
// Whether password matches an encoded hash (constant-time inside libargon2).
bool verify_password(std::string_view password, const std::string& encoded);
// A hash that matches nothing, verified against when the account does not
// exist, so that timing does not tell which emails have accounts.
const std::string& decoy_hash();

}  // namespace bluemeet::portal
