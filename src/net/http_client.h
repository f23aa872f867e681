// An asynchronous HTTP/1.1 client (plain and TLS) for callbacks, webhooks
// and calls to BBB servers. Every request has a deadline covering resolve,
// connect, TLS, write and read; responses are size-limited.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "net/http_types.h"

namespace bluemeet::net {

struct ClientRequest {
  Method method = Method::get;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{5000};
  int max_redirects = 0;  // followed for GET only
  std::string body_file;  // when set, the body is this file's bytes, streamed from disk (uploads)
};

struct ClientResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string_view header(std::string_view lower_name) const;
};

// Network failures, timeouts, bad URLs and oversized responses.
class HttpClientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ClientOptions {
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  bool verify_tls = true;  // against the system's CA store
  std::string user_agent = "BlueMeet";
};

class HttpClient {
 public:
  HttpClient(boost::asio::any_io_executor executor, ClientOptions options = {});
  ~HttpClient();
  // Throws HttpClientError; any HTTP status is a response, not an error.
  boost::asio::awaitable<ClientResponse> fetch(ClientRequest request);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace bluemeet::net
