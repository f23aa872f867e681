// The STUN and TURN servers a client's peer connections use, as the
// session protocol's welcome.media.iceServers (RTCIceServer[]). TURN
// credentials are coturn's REST form (use-auth-secret): the user name is
// "<expiry>:<user id>" and the password its HMAC-SHA1 under the shared
// secret, so a leaked credential dies at its expiry. Pure.
#pragma once

#include <boost/json/array.hpp>
#include <string>
#include <vector>

#include "util/clock.h"

namespace bluemeet::node {

struct IceServerSettings {
  std::vector<std::string> stun_urls;
  std::vector<std::string> turn_urls;
  std::string turn_secret;
  int ttl_seconds = 24 * 3600;
};

boost::json::array ice_servers(const IceServerSettings& s, const std::string& user_id, util::Millis now);

}  // namespace bluemeet::node
