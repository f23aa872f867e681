// An HTTP/1.1 server on Boost.Beast with C++20 coroutines.
//
// Each connection is one coroutine that reads a request, awaits the handler
// and writes the response, with keep-alive. Limits (header and body size,
// timeouts, connection count) are enforced here so that handlers never see an
// oversized or slow request. Upgrade requests go to the WebSocket handler.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "net/http_types.h"
#include "net/websocket.h"

namespace bluemeet::net {

struct ServerOptions {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_connections = 10000;
  std::chrono::seconds read_timeout{30};  // for a whole request, once it starts
  std::chrono::seconds idle_timeout{60};  // between keep-alive requests
  WebSocketConnection::Limits websocket;
};

// Where a request's body goes when it is not to be held in memory: a large
// upload streamed to `path` (created by the server, O_EXCL), at most
// max_bytes, with a timeout per read rather than for the whole request.
struct BodyToFile {
  std::string path;
  std::uint64_t max_bytes = 0;
};
// Decides from a request's head, before its body is read: monostate to read
// it into memory as usual, a BodyToFile to stream it to disk, or a response
// to refuse it at once (bad credentials: nothing is read, nothing stored).
using BodyDecision = std::variant<std::monostate, BodyToFile, HttpResponse>;
using BodyRouter = std::function<BodyDecision(const HttpRequest& head)>;

class HttpServer {
 public:
  using Handler = std::function<boost::asio::awaitable<HttpResponse>(HttpRequest&)>;
  // Called after the WebSocket handshake; returns when the session is over.
  using WebSocketHandler =
      std::function<boost::asio::awaitable<void>(std::shared_ptr<WebSocketConnection>, HttpRequest)>;
  // Decides, before the handshake, whether an upgrade request is accepted.
  using WebSocketFilter = std::function<bool(const HttpRequest&)>;

  HttpServer(boost::asio::io_context& io, ServerOptions options, Handler handler);
  ~HttpServer();
  void set_websocket(WebSocketFilter filter, WebSocketHandler handler);
  // Without a router every body is read into memory, within max_body_bytes.
  void set_body_router(BodyRouter router);

  // Binds "host:port" (port 0 picks a free one) and starts accepting.
  // Returns the bound port. Throws std::system_error when it cannot bind.
  unsigned short listen(const std::string& host, unsigned short port);
  void stop();  // stops accepting; open connections finish their request

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// "127.0.0.1:8090", "[::1]:8090", ":8090" -> host and port. Throws std::invalid_argument.
std::pair<std::string, unsigned short> parse_listen_address(const std::string& spec);

}  // namespace bluemeet::net
