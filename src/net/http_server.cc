#include "net/http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "net/range_file_body.h"
#include "net/upload_body.h"
#include "net/websocket_accept.h"
#include "util/text.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace bluemeet::net {

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
  asio::io_context& io;
  ServerOptions options;
  Handler handler;
  WebSocketFilter ws_filter;
  WebSocketHandler ws_handler;
  BodyRouter body_router;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::size_t connections = 0;

  Impl(asio::io_context& i, ServerOptions o, Handler h) : io(i), options(std::move(o)), handler(std::move(h)) {}

  asio::awaitable<void> accept_loop() {
    auto self = shared_from_this();
    while (acceptor && acceptor->is_open()) {
      auto [ec, socket] = co_await acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        // Out of file descriptors and the like: keep serving the connections we have.
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      if (connections >= options.max_connections) {
        boost::system::error_code ignored;
        socket.close(ignored);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  template <class Fields>
  static HttpRequest convert_head(const http::request_header<Fields>& raw, const std::string& remote) {
    HttpRequest r;
    switch (raw.method()) {
      case http::verb::get: r.method = Method::get; break;
      case http::verb::head: r.method = Method::head; break;
      case http::verb::post: r.method = Method::post; break;
      case http::verb::put: r.method = Method::put; break;
      case http::verb::delete_: r.method = Method::del; break;
      case http::verb::patch: r.method = Method::patch; break;
      case http::verb::options: r.method = Method::options; break;
      default: r.method = Method::other;
    }
    r.target = std::string(raw.target());
    r.headers.reserve(8);
    for (const auto& f : raw) r.headers.emplace_back(util::to_lower_ascii(f.name_string()), std::string(f.value()));
    r.remote_address = remote;
    return r;
  }

  template <class Body>
  static void set_head(http::response<Body>& out, HttpResponse& res, bool keep_alive) {
    out.set(http::field::server, "BlueMeet");
    if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out.insert(k, v);
    out.keep_alive(keep_alive);
  }

  static http::response<http::string_body> render(HttpResponse&& res, unsigned version, bool keep_alive, bool head) {
    http::response<http::string_body> out{static_cast<http::status>(res.status), version};
    set_head(out, res, keep_alive);
    if (!res.body_file.empty()) {  // HEAD of a file: its length, no bytes
      out.content_length(res.file_length);
      return out;
    }
    out.body() = std::move(res.body);
    out.prepare_payload();
    if (head) out.body().clear();
    return out;
  }

  // A file response, read from disk as it is sent; each chunk must go out within the read timeout.
  asio::awaitable<boost::system::error_code> write_file(beast::tcp_stream& stream, HttpResponse&& res, unsigned version,
                                                        bool keep_alive) {
    http::response<detail::RangeFileBody> out{static_cast<http::status>(res.status), version};
    if (!out.body().open(res.body_file.c_str())) {
      // Gone between the handler's look and now (deleted, unpublished).
      auto missing = render(HttpResponse::text(404, "not found\n"), version, keep_alive, false);
      stream.expires_after(options.read_timeout);
      auto [ec, n] = co_await http::async_write(stream, missing, asio::as_tuple(asio::use_awaitable));
      (void)n;
      co_return ec;
    }
    out.body().offset = res.file_offset;
    out.body().length = res.file_length;
    set_head(out, res, keep_alive);
    out.content_length(res.file_length);
    http::response_serializer<detail::RangeFileBody> sr{out};
    boost::system::error_code ec;
    while (!sr.is_done()) {
      stream.expires_after(options.read_timeout);
      std::tie(ec, std::ignore) = co_await http::async_write_some(stream, sr, asio::as_tuple(asio::use_awaitable));
      if (ec) break;
    }
    co_return ec;
  }

  asio::awaitable<void> write_error(beast::tcp_stream& stream, int status, std::string text) {
    auto out = render(HttpResponse::text(status, std::move(text)), 11, false, false);
    co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
  }

  // Streams an upload's body to to.path; 0 when complete (req and raw filled),
  // an HTTP status to answer otherwise, or -1 when the client went away.
  asio::awaitable<int> read_to_file(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                    http::request_parser<http::empty_body>&& head, const BodyToFile& to,
                                    HttpRequest& req, http::request<http::string_body>& raw) {
    auto length = head.content_length();
    if (!length) co_return 411;  // chunked uploads are refused: the size is checked before a byte is stored
    if (*length > to.max_bytes) co_return 413;
    if (beast::iequals(head.get()[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, head.get().version()};
      auto [cec, cn] = co_await http::async_write(stream, go_on, asio::as_tuple(asio::use_awaitable));
      (void)cn;
      if (cec) co_return -1;
    }
    http::request_parser<detail::UploadBody> parser{std::move(head)};
    parser.body_limit(to.max_bytes);
    parser.get().body().path = to.path;
    while (!parser.is_done()) {
      // However long the upload, it must keep moving.
      stream.expires_after(options.read_timeout);
      auto [ec, n] = co_await http::async_read_some(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      (void)n;
      if (ec == boost::system::errc::no_space_on_device) co_return 507;
      if (ec == http::error::body_limit) co_return 413;
      if (ec) {
        if (ec != beast::error::timeout && ec != asio::error::connection_reset && ec != asio::error::eof)
          spdlog::warn("upload to {} failed: {}", req.path(), ec.message());
        co_return -1;
      }
    }
    auto msg = parser.release();
    req.body_file = msg.body().path;
    req.body_file_size = msg.body().size;
    req.body_sha256 = msg.body().sha256;
    raw = http::request<http::string_body>(std::move(msg.base()));
    co_return 0;
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    auto self = shared_from_this();
    ++connections;
    struct Count {
      Impl* s;
      ~Count() { --s->connections; }
    } count{this};

    boost::system::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    std::string remote = ec ? std::string() : ep.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    buffer.max_size(options.max_header_bytes + options.max_body_bytes);
    bool first = true;
    for (;;) {
      // The head first: the router decides where the body goes before a byte of it is read.
      http::request_parser<http::empty_body> head;
      head.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      head.body_limit(boost::none);  // judged below, against the limit of where the body goes
      // The idle timeout covers waiting for a keep-alive request; once bytes
      // arrive, the whole request must come within the read timeout.
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      first = false;
      auto [rec, n] = co_await http::async_read_header(stream, buffer, head, asio::as_tuple(asio::use_awaitable));
      (void)n;
      if (rec) {
        if (rec == http::error::header_limit) co_await write_error(stream, 431, "request headers too large\n");
        else if (rec != http::error::end_of_stream && rec != beast::error::timeout &&
                 rec != asio::error::connection_reset && rec != asio::error::eof)
          co_await write_error(stream, 400, "bad request\n");
        break;
      }
      HttpRequest req = convert_head(head.get(), remote);
      BodyDecision decision = body_router ? body_router(req) : BodyDecision{};
      if (auto* refusal = std::get_if<HttpResponse>(&decision)) {
        auto out = render(std::move(*refusal), head.get().version(), false, req.method == Method::head);
        co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
        break;  // its body, if any, was never read
      }
      http::request<http::string_body> raw;
      if (auto* to_file = std::get_if<BodyToFile>(&decision)) {
        auto status = co_await read_to_file(stream, buffer, std::move(head), *to_file, req, raw);
        if (status != 0) {
          std::error_code ignored;
          std::filesystem::remove(to_file->path, ignored);
          if (status > 0) co_await write_error(stream, status, status == 413 ? "upload too large\n"
                                                                : status == 507 ? "insufficient storage\n"
                                                                : status == 411 ? "length required\n"
                                                                                : "bad request\n");
          break;
        }
      } else {
        auto length = head.content_length();
        if (length && *length > options.max_body_bytes) {
          co_await write_error(stream, 413, "request body too large\n");
          break;
        }
        http::request_parser<http::string_body> parser{std::move(head)};
        parser.body_limit(options.max_body_bytes);
        if (!parser.is_done()) {
          auto [bec, bn] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
          (void)bn;
          if (bec) {
            if (bec == http::error::body_limit) co_await write_error(stream, 413, "request body too large\n");
            else if (bec != beast::error::timeout && bec != asio::error::connection_reset && bec != asio::error::eof)
              co_await write_error(stream, 400, "bad request\n");
            break;
          }
        }
        raw = parser.release();
        req.body = std::move(raw.body());
      }
      if (beast::websocket::is_upgrade(raw)) {
        if (ws_handler && ws_filter && ws_filter(req)) {
          stream.expires_never();
          co_await detail::accept_websocket(std::move(stream), std::move(raw), std::move(req), ws_handler,
                                            options.websocket);
          co_return;
        }
        co_await write_error(stream, 404, "no websocket here\n");
        break;
      }
      bool keep_alive = raw.keep_alive();
      HttpResponse res;
      try {
        res = co_await handler(req);
      } catch (const std::exception& e) {
        spdlog::error("handler failed for {} {}: {}", method_name(req.method), req.path(), e.what());
        res = HttpResponse::text(500, "internal error\n");
      }
      if (!req.body_file.empty()) {
        std::error_code ignored;
        std::filesystem::remove(req.body_file, ignored);  // the handler moves what it keeps
      }
      bool is_head = req.method == Method::head;
      boost::system::error_code wec;
      if (!res.body_file.empty() && !is_head) {
        wec = co_await write_file(stream, std::move(res), raw.version(), keep_alive);
      } else {
        auto out = render(std::move(res), raw.version(), keep_alive, is_head);
        stream.expires_after(options.read_timeout);
        std::tie(wec, std::ignore) = co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      }
      if (wec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }
};

HttpServer::HttpServer(asio::io_context& io, ServerOptions options, Handler handler)
    : impl_(std::make_shared<Impl>(io, std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::set_body_router(BodyRouter router) { impl_->body_router = std::move(router); }

void HttpServer::set_websocket(WebSocketFilter filter, WebSocketHandler handler) {
  impl_->ws_filter = std::move(filter);
  impl_->ws_handler = std::move(handler);
}

unsigned short HttpServer::listen(const std::string& host, unsigned short port) {
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host);
  tcp::endpoint ep(address, port);
  auto acc = std::make_unique<tcp::acceptor>(impl_->io);
  acc->open(ep.protocol());
  acc->set_option(asio::socket_base::reuse_address(true));
  if (ep.protocol() == tcp::v6()) acc->set_option(asio::ip::v6_only(true));
  acc->bind(ep);
  acc->listen(asio::socket_base::max_listen_connections);
  unsigned short bound = acc->local_endpoint().port();
  impl_->acceptor = std::move(acc);
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  return bound;
}

void HttpServer::stop() {
  if (impl_->acceptor) {
    boost::system::error_code ec;
    impl_->acceptor->close(ec);
  }
}

std::pair<std::string, unsigned short> parse_listen_address(const std::string& spec) {
  std::string host;
  std::string port;
  if (!spec.empty() && spec[0] == '[') {
    auto close = spec.find(']');
    if (close == std::string::npos || close + 1 >= spec.size() || spec[close + 1] != ':')
      throw std::invalid_argument("bad listen address '" + spec + "': expected [v6addr]:port");
    host = spec.substr(1, close - 1);
    port = spec.substr(close + 2);
  } else {
    auto colon = spec.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("bad listen address '" + spec + "': expected host:port");
    host = spec.substr(0, colon);
    port = spec.substr(colon + 1);
  }
  if (host.empty()) host = "0.0.0.0";
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port) > 65535)
    throw std::invalid_argument("bad port in listen address '" + spec + "'");
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  if (ec) throw std::invalid_argument("bad host in listen address '" + spec + "': use an IP address");
  return {host, static_cast<unsigned short>(std::stoul(port))};
}

}  // namespace bluemeet::net
