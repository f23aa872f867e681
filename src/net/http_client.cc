#include "net/http_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/ssl.h>

#include "net/url.h"
#include "util/text.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace bluemeet::net {

std::string_view ClientResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

struct HttpClient::Impl {
  asio::any_io_executor executor;
  ClientOptions options;
  asio::ssl::context tls{asio::ssl::context::tls_client};

  Impl(asio::any_io_executor ex, ClientOptions o) : executor(std::move(ex)), options(std::move(o)) {
    tls.set_default_verify_paths();
    tls.set_verify_mode(options.verify_tls ? asio::ssl::verify_peer : asio::ssl::verify_none);
  }

  static http::verb verb(Method m) {
    switch (m) {
      case Method::get: return http::verb::get;
      case Method::head: return http::verb::head;
      case Method::post: return http::verb::post;
      case Method::put: return http::verb::put;
      case Method::del: return http::verb::delete_;
      case Method::patch: return http::verb::patch;
      case Method::options: return http::verb::options;
      case Method::other: return http::verb::get;
    }
    return http::verb::get;
  }

  template <class Stream>
  asio::awaitable<ClientResponse> exchange(Stream& stream, const HttpUrl& url, const ClientRequest& req) {
    auto head = [&](auto& out) {
      out.set(http::field::host, url.host_header());
      out.set(http::field::user_agent, options.user_agent);
      for (const auto& [k, v] : req.headers) out.set(k, v);
      out.keep_alive(false);
    };
    boost::system::error_code wec;
    if (!req.body_file.empty()) {
      http::request<http::file_body> out{verb(req.method), url.target, 11};
      head(out);
      beast::error_code fec;
      out.body().open(req.body_file.c_str(), beast::file_mode::scan, fec);
      if (fec) throw HttpClientError("cannot read " + req.body_file + ": " + fec.message());
      out.prepare_payload();
      std::tie(wec, std::ignore) = co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
    } else {
      http::request<http::string_body> out{verb(req.method), url.target, 11};
      head(out);
      out.body() = req.body;
      if (!req.body.empty() || req.method == Method::post || req.method == Method::put) out.prepare_payload();
      std::tie(wec, std::ignore) = co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
    }
    if (wec) throw HttpClientError("write to " + url.host_header() + " failed: " + wec.message());
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_response_bytes);
    parser.header_limit(64 * 1024);
    if (req.method == Method::head) parser.skip(true);
    auto [rec, rn] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    (void)rn;
    if (rec) throw HttpClientError("read from " + url.host_header() + " failed: " + rec.message());
    auto res = parser.release();
    ClientResponse r;
    r.status = static_cast<int>(res.result_int());
    for (const auto& f : res) r.headers.emplace_back(util::to_lower_ascii(f.name_string()), std::string(f.value()));
    r.body = std::move(res.body());
    co_return r;
  }

  asio::awaitable<ClientResponse> once(const ClientRequest& req) {
    auto url = parse_http_url(req.url);
    if (!url) throw HttpClientError("not an http(s) URL");
    tcp::resolver resolver(executor);
    beast::tcp_stream tcp_stream(executor);
    tcp_stream.expires_after(req.timeout);
    // The resolver has no deadline of its own; the stream's timer bounds the rest.
    auto [rec, results] = co_await resolver.async_resolve(url->host, std::to_string(url->port),
                                                          asio::as_tuple(asio::use_awaitable));
    if (rec) throw HttpClientError("cannot resolve " + url->host + ": " + rec.message());
    auto [cec, ep] = co_await tcp_stream.async_connect(results, asio::as_tuple(asio::use_awaitable));
    (void)ep;
    if (cec) throw HttpClientError("cannot connect to " + url->host_header() + ": " + cec.message());
    if (!url->tls) co_return co_await exchange(tcp_stream, *url, req);

    beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(tcp_stream), tls);
    if (!SSL_set_tlsext_host_name(tls_stream.native_handle(), url->host.c_str()))
      throw HttpClientError("cannot set TLS server name");
    if (options.verify_tls) tls_stream.set_verify_callback(asio::ssl::host_name_verification(url->host));
    auto [hec] = co_await tls_stream.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
    if (hec) throw HttpClientError("TLS handshake with " + url->host_header() + " failed: " + hec.message());
    co_return co_await exchange(tls_stream, *url, req);
  }
};

HttpClient::HttpClient(asio::any_io_executor executor, ClientOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options))) {}

HttpClient::~HttpClient() = default;

asio::awaitable<ClientResponse> HttpClient::fetch(ClientRequest request) {
  auto impl = impl_;
  for (int hop = 0;; ++hop) {
    auto res = co_await impl->once(request);
    bool redirect = res.status == 301 || res.status == 302 || res.status == 303 || res.status == 307 || res.status == 308;
    if (!redirect || request.method != Method::get || hop >= request.max_redirects) co_return res;
    auto location = std::string(res.header("location"));
    if (location.empty()) co_return res;
    if (!location.starts_with("http://") && !location.starts_with("https://")) {
      auto base = parse_http_url(request.url);
      if (!base || location.empty() || location[0] != '/') co_return res;
      location = std::string(base->tls ? "https://" : "http://") + base->host_header() + location;
    }
    request.url = std::move(location);
  }
}

}  // namespace bluemeet::net
