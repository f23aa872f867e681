#include "bbb/jwt.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "util/crypto.h"

namespace bluemeet::bbb {
namespace {

util::HashAlg hash_of(JwtAlg a) {
  switch (a) {
    case JwtAlg::HS256: return util::HashAlg::sha256;
    case JwtAlg::HS384: return util::HashAlg::sha384;
    case JwtAlg::HS512: return util::HashAlg::sha512;
  }
  return util::HashAlg::sha256;
}

const char* name_of(JwtAlg a) {
  switch (a) {
    case JwtAlg::HS256: return "HS256";
    case JwtAlg::HS384: return "HS384";
    case JwtAlg::HS512: return "HS512";
  }
  return "HS256";
}

}  // namespace

std::string jwt_sign(const boost::json::object& claims, std::string_view secret, JwtAlg alg) {
  boost::json::object header{{"typ", "JWT"}, {"alg", name_of(alg)}};
  std::string signing_input = util::base64url_encode(boost::json::serialize(header)) + "." +
                              util::base64url_encode(boost::json::serialize(claims));
  auto sig = util::hmac(hash_of(alg), secret, signing_input);
  return signing_input + "." + util::base64url_encode(sig);
}

std::optional<boost::json::object> jwt_verify(std::string_view token, std::string_view secret, long long now_seconds) {
  auto d1 = token.find('.');
  if (d1 == std::string_view::npos) return std::nullopt;
  auto d2 = token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) return std::nullopt;
  auto header_json = util::base64url_decode(token.substr(0, d1));
  auto claims_json = util::base64url_decode(token.substr(d1 + 1, d2 - d1 - 1));
  auto sig = util::base64url_decode(token.substr(d2 + 1));
  if (!header_json || !claims_json || !sig) return std::nullopt;
  boost::system::error_code ec;
  auto header = boost::json::parse(*header_json, ec);
  if (ec || !header.is_object()) return std::nullopt;
  const auto* alg_v = header.as_object().if_contains("alg");
  if (!alg_v || !alg_v->is_string()) return std::nullopt;
  std::string_view alg_name = alg_v->as_string();
  JwtAlg alg;
  if (alg_name == "HS256") alg = JwtAlg::HS256;
  else if (alg_name == "HS384") alg = JwtAlg::HS384;
  else if (alg_name == "HS512") alg = JwtAlg::HS512;
  else return std::nullopt;
  auto expected = util::hmac(hash_of(alg), secret, token.substr(0, d2));
  if (!util::constant_time_equal(expected, *sig)) return std::nullopt;
  auto claims = boost::json::parse(*claims_json, ec);
  if (ec || !claims.is_object()) return std::nullopt;
  if (const auto* exp = claims.as_object().if_contains("exp")) {
    if (!exp->is_number()) return std::nullopt;
    if (exp->to_number<double>() <= static_cast<double>(now_seconds)) return std::nullopt;
  }
  return claims.as_object();
}

}  // namespace bluemeet::bbb
