// One accepted WebSocket, text frames only, hiding Beast.
//
// Owned through shared_ptr; all calls must come from the connection's
// executor (the server's io_context thread). send() never blocks: messages
// queue and a single writer drains them, so many coroutines may broadcast
// to the same socket safely. A peer that stops reading is disconnected once
// its queue passes the limits below, instead of growing memory without bound.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>

namespace bluemeet::net {

class WebSocketConnection : public std::enable_shared_from_this<WebSocketConnection> {
 public:
  struct Limits {
    std::size_t max_message_bytes = 16 * 1024;
    std::size_t max_queued_messages = 2048;
    std::size_t max_queued_bytes = 8 * 1024 * 1024;
  };

  virtual ~WebSocketConnection() = default;
  // The next text message; nullopt once the socket is closed or failed.
  virtual boost::asio::awaitable<std::optional<std::string>> receive() = 0;
  virtual void send(std::string message) = 0;
  // Sends what is queued, then a close frame. Idempotent.
  virtual void close() = 0;
  virtual bool is_open() const = 0;
  virtual const std::string& remote_address() const = 0;
};

}  // namespace bluemeet::net
