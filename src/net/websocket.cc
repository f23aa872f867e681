#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>

#include "net/websocket_accept.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;

namespace bluemeet::net {
namespace {

class BeastWebSocket final : public WebSocketConnection {
 public:
  BeastWebSocket(beast::tcp_stream stream, std::string remote, Limits limits)
      : ws_(std::move(stream)), remote_(std::move(remote)), limits_(limits) {
    ws_.read_message_max(limits_.max_message_bytes);
    ws_.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
    ws_.text(true);
  }

  asio::awaitable<bool> accept(const beast::http::request<beast::http::string_body>& req) {
    auto [ec] = co_await ws_.async_accept(req, asio::as_tuple(asio::use_awaitable));
    open_ = !ec;
    co_return open_;
  }

  asio::awaitable<std::optional<std::string>> receive() override {
    if (!open_) co_return std::nullopt;
    beast::flat_buffer buf;
    auto [ec, n] = co_await ws_.async_read(buf, asio::as_tuple(asio::use_awaitable));
    (void)n;
    if (ec) {
      open_ = false;
      co_return std::nullopt;
    }
    co_return beast::buffers_to_string(buf.data());
  }

  void send(std::string message) override {
    if (!open_ || closing_) return;
    queued_bytes_ += message.size();
    queue_.push_back(std::move(message));
    if (queue_.size() > limits_.max_queued_messages || queued_bytes_ > limits_.max_queued_bytes) {
      // The peer is not reading: cut it loose rather than buffer without bound.
      queue_.clear();
      queued_bytes_ = 0;
      abort();
      return;
    }
    start_writer();
  }

  void close() override {
    if (!open_ || closing_) return;
    closing_ = true;
    start_writer();
  }

  bool is_open() const override { return open_; }
  const std::string& remote_address() const override { return remote_; }

 private:
  void start_writer() {
    if (writing_) return;
    writing_ = true;
    asio::co_spawn(ws_.get_executor(), write_loop(std::static_pointer_cast<BeastWebSocket>(shared_from_this())),
                   asio::detached);
  }

  static asio::awaitable<void> write_loop(std::shared_ptr<BeastWebSocket> self) {
    while (self->open_ && !self->queue_.empty()) {
      std::string msg = std::move(self->queue_.front());
      self->queue_.pop_front();
      self->queued_bytes_ -= msg.size();
      auto [ec, n] = co_await self->ws_.async_write(asio::buffer(msg), asio::as_tuple(asio::use_awaitable));
      (void)n;
      if (ec) {
        self->open_ = false;
        break;
      }
    }
    if (self->open_ && self->closing_) {
      auto [ec] = co_await self->ws_.async_close(ws::close_code::normal, asio::as_tuple(asio::use_awaitable));
      (void)ec;
      self->open_ = false;
    }
    self->writing_ = false;
  }

  void abort() {
    open_ = false;
    boost::system::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
  }

  ws::stream<beast::tcp_stream> ws_;
  std::string remote_;
  Limits limits_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  bool open_ = false;
  bool writing_ = false;
  bool closing_ = false;
};

}  // namespace

namespace detail {

asio::awaitable<void> accept_websocket(beast::tcp_stream stream, beast::http::request<beast::http::string_body> raw,
                                       HttpRequest request, HttpServer::WebSocketHandler handler,
                                       WebSocketConnection::Limits limits) {
  auto conn = std::make_shared<BeastWebSocket>(std::move(stream), request.remote_address, limits);
  if (!co_await conn->accept(raw)) co_return;
  co_await handler(conn, std::move(request));
  conn->close();
}

}  // namespace detail
}  // namespace bluemeet::net
