#include "node/ice_servers.h"

#include <boost/json/object.hpp>

#include "util/crypto.h"

namespace bluemeet::node {

boost::json::array ice_servers(const IceServerSettings& s, const std::string& user_id, util::Millis now) {
  boost::json::array out;
  if (!s.stun_urls.empty()) {
    boost::json::array urls;
    for (const auto& u : s.stun_urls) urls.emplace_back(u);
    out.emplace_back(boost::json::object{{"urls", std::move(urls)}});
  }
  // TURN without a secret would need static credentials in every page: not offered.
  if (!s.turn_urls.empty() && !s.turn_secret.empty()) {
    boost::json::array urls;
    for (const auto& u : s.turn_urls) urls.emplace_back(u);
    std::string username = std::to_string(now / 1000 + s.ttl_seconds) + ":" + user_id;
    std::string credential = util::base64_encode(util::hmac(util::HashAlg::sha1, s.turn_secret, username));
    out.emplace_back(boost::json::object{{"urls", std::move(urls)}, {"username", username}, {"credential", credential}});
  }
  return out;
}

}  // namespace bluemeet::node
