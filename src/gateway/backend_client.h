// Calls to the pool's servers: BBB API requests signed with the server's own
// secret, with a deadline, returning the raw answer.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "bbb/query.h"
#include "net/http_client.h"

namespace bluemeet::gateway {

struct BackendTarget {
  std::string api_url;  // e.g. http://10.0.0.5/bigbluebutton/api
  std::string secret;
};

// The URL a browser (or the gateway) uses to call `call` on the server.
std::string backend_url(const BackendTarget& target, std::string_view call, const bbb::Params& params);

struct BackendReply {
  int status = 0;
  std::string body;
};

class BackendClient {
 public:
  explicit BackendClient(net::HttpClient& http) : http_(http) {}
  // nullopt when the server could not be reached or did not answer in time.
  boost::asio::awaitable<std::optional<BackendReply>> call(const BackendTarget& target, std::string_view call,
                                                           const bbb::Params& params, std::chrono::milliseconds timeout,
                                                           std::string body = {}, std::string content_type = {});

 private:
  net::HttpClient& http_;
};

}  // namespace bluemeet::gateway
