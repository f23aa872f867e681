#include "recording/upload_token.h"

#include <boost/json/object.hpp>

#include "bbb/jwt.h"
#include "util/text.h"

namespace bluemeet::recording {

std::string sign_upload_token(std::string_view secret, std::string_view tar_sha256, long long now_seconds) {
  boost::json::object claims{{"aud", kUploadAudience},
                             {"sha256", tar_sha256},
                             {"iat", now_seconds},
                             {"exp", now_seconds + kUploadTokenSeconds}};
  return bbb::jwt_sign(claims, secret, bbb::JwtAlg::HS256);
}

std::optional<std::string> verify_upload_token(std::string_view token, std::string_view secret, long long now_seconds) {
  if (secret.empty()) return std::nullopt;
  auto claims = bbb::jwt_verify(token, secret, now_seconds);
  if (!claims) return std::nullopt;
  const auto* aud = claims->if_contains("aud");
  const auto* digest = claims->if_contains("sha256");
  const auto* exp = claims->if_contains("exp");
  // A token without expiry, or for another purpose (a callback's JWT signed with the same secret), is no upload's.
  if (!aud || !aud->is_string() || aud->as_string() != kUploadAudience || !exp || !digest || !digest->is_string())
    return std::nullopt;
  std::string hex(digest->as_string());
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  return hex;
}

std::string_view bearer_token(std::string_view authorization) {
  auto v = util::trim(authorization);
  if (v.size() < 7 || !util::iequals(v.substr(0, 7), "bearer ")) return {};
  return util::trim(v.substr(7));
}

}  // namespace bluemeet::recording
