// The compact JSON Web Tokens BBB uses for callbacks: HS256 for
// recording-ready, HS512 for analytics. Only HMAC algorithms exist here, and
// verification never accepts "none".
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::bbb {

enum class JwtAlg { HS256, HS384, HS512 };

std::string jwt_sign(const boost::json::object& claims, std::string_view secret, JwtAlg alg);

// Returns the claims when the signature verifies with secret under one of the
// HMAC algorithms and `exp` (if present) is later than now_seconds.
std::optional<boost::json::object> jwt_verify(std::string_view token, std::string_view secret,
                                              long long now_seconds);

}  // namespace bluemeet::bbb
