// The client side of the API: signed URLs for calls to a BBB server (the
// gateway calling its nodes, the portal calling the gateway, tests).
#pragma once

#include <string>
#include <string_view>

#include "bbb/query.h"
#include "util/crypto.h"

namespace bluemeet::bbb {

// "https://host/bigbluebutton/api/" (trailing slash optional) + call + "?" +
// query + "checksum=" + H(call + query + secret).
std::string signed_url(std::string_view api_base, std::string_view call, const Params& params,
                       std::string_view secret, util::HashAlg alg = util::HashAlg::sha256);
// Just the query string part ("a=1&b=2&checksum=...").
std::string signed_query(std::string_view call, const Params& params, std::string_view secret,
                         util::HashAlg alg = util::HashAlg::sha256);

}  // namespace bluemeet::bbb
