#include "mail/smtp_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/url/parse.hpp>
#include <openssl/ssl.h>

#include "util/crypto.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace bluemeet::mail {

std::optional<SmtpServer> parse_smtp_url(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return std::nullopt;
  const auto& u = *parsed;
  SmtpServer s;
  if (u.scheme() == "smtp") s.port = 25;
  else if (u.scheme() == "smtp+starttls") s.security = SmtpServer::Security::starttls, s.port = 587;
  else if (u.scheme() == "smtps") s.security = SmtpServer::Security::tls, s.port = 465;
  else return std::nullopt;
  if (!u.encoded_path().empty() && u.encoded_path() != "/") return std::nullopt;
  if (u.has_query() || u.has_fragment()) return std::nullopt;
  s.host = u.host_type() == boost::urls::host_type::ipv6 ? u.host_ipv6_address().to_string() : std::string(u.host_address());
  if (s.host.empty()) return std::nullopt;
  if (u.has_port()) {
    // port_number() wraps what does not fit 16 bits: judge the digits themselves.
    auto digits = u.port();
    if (digits.empty() || digits.size() > 5) return std::nullopt;
    auto n = std::stoul(std::string(digits));
    if (n == 0 || n > 65535) return std::nullopt;
    s.port = static_cast<unsigned short>(n);
  }
  if (u.has_userinfo()) {
    s.user = u.user();
    s.password = u.password();
    if (s.user.empty() || s.security == SmtpServer::Security::none) return std::nullopt;
  }
  return s;
}

namespace {

struct Session {
  // One stream for both: plain reads and writes go to its TCP layer until
  // STARTTLS (or from the start, for implicit TLS) switches to TLS.
  beast::ssl_stream<beast::tcp_stream> stream;
  std::string buffer;
  std::chrono::milliseconds timeout;
  bool tls = false;

  template <class Op>
  auto with_deadline(Op op) {
    beast::get_lowest_layer(stream).expires_after(timeout);
    return op();
  }

  asio::awaitable<Reply> reply(std::string_view step) {
    for (;;) {
      if (auto r = parse_reply(buffer)) {
        buffer.erase(0, r->length);
        if (r->code < 0) throw SmtpError("the mail server's answer to " + std::string(step) + " is not SMTP", false);
        co_return std::move(*r);
      }
      if (buffer.size() > 64 * 1024) throw SmtpError("the mail server's answer is too long", false);
      char chunk[4096];
      beast::get_lowest_layer(stream).expires_after(timeout);
      auto [ec, n] = tls ? co_await stream.async_read_some(asio::buffer(chunk), asio::as_tuple(asio::use_awaitable))
                         : co_await stream.next_layer().async_read_some(asio::buffer(chunk),
                                                                        asio::as_tuple(asio::use_awaitable));
      if (ec) throw SmtpError("the mail server went away during " + std::string(step) + ": " + ec.message(), false);
      buffer.append(chunk, n);
    }
  }

  asio::awaitable<void> send(std::string_view text, std::string_view step) {
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto data = asio::buffer(text.data(), text.size());
    auto [ec, n] = tls ? co_await asio::async_write(stream, data, asio::as_tuple(asio::use_awaitable))
                       : co_await asio::async_write(stream.next_layer(), data, asio::as_tuple(asio::use_awaitable));
    (void)n;
    if (ec) throw SmtpError("cannot write " + std::string(step) + " to the mail server: " + ec.message(), false);
  }

  // Sends a command and wants a reply in [lo, hi]. Errors name the step,
  // never the line itself (it may carry credentials).
  asio::awaitable<Reply> step(std::string_view line, std::string_view name, int lo, int hi) {
    if (!line.empty()) co_await send(line, name);
    auto r = co_await reply(name);
    if (r.code < lo || r.code > hi)
      throw SmtpError("the mail server answered " + std::to_string(r.code) + " to " + std::string(name), r.code >= 500);
    co_return r;
  }

  asio::awaitable<void> handshake(const std::string& host) {
    boost::system::error_code not_ip;
    asio::ip::make_address(host, not_ip);
    // SNI carries names only (RFC 6066 §3); the certificate is checked against an address too.
    if (not_ip && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
      throw SmtpError("cannot name the mail server for TLS", false);
    stream.set_verify_callback(asio::ssl::host_name_verification(host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
    // Not a 5xx: a certificate the operator fixes lets the queued mail go.
    if (ec) throw SmtpError("TLS with the mail server failed: " + ec.message(), false);
    tls = true;
  }
};

asio::ssl::context tls_context(const SmtpServer& server) {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  if (server.ca_file.empty()) ctx.set_default_verify_paths(ec);
  else ctx.load_verify_file(server.ca_file, ec);
  if (ec) throw SmtpError("cannot load the CA certificates to verify the mail server: " + ec.message(), false);
  ctx.set_verify_mode(asio::ssl::verify_peer);
  return ctx;
}

// AUTH with the mechanism the server offers (PLAIN first: one round trip).
asio::awaitable<void> authenticate(Session& s, const SmtpServer& server, const Extensions& ext) {
  // 535 (bad credentials) is not the message's fault: kept for a retry once the operator fixes them.
  auto check = [](const Reply& r) {
    if (r.code != 235) throw SmtpError("the mail server refused the credentials (" + std::to_string(r.code) + ")", false);
  };
  if (ext.auth_plain) {
    co_await s.send("AUTH PLAIN " + auth_plain(server.user, server.password) + "\r\n", "AUTH");
    check(co_await s.reply("AUTH"));
  } else if (ext.auth_login) {
    co_await s.step("AUTH LOGIN\r\n", "AUTH", 334, 334);
    co_await s.step(util::base64_encode(server.user) + "\r\n", "AUTH", 334, 334);
    co_await s.send(util::base64_encode(server.password) + "\r\n", "AUTH");
    check(co_await s.reply("AUTH"));
  } else {
    throw SmtpError("the mail server offers neither AUTH PLAIN nor AUTH LOGIN", false);
  }
}

}  // namespace

asio::awaitable<void> send_mail(asio::any_io_executor ex, const SmtpServer& server, const Message& m,
                                const std::string& date, const std::string& message_id) {
  auto from = address_of(m.from);
  auto to = address_of(m.to);
  if (!valid_address(from) || !valid_address(to)) throw SmtpError("not a mail address: " + to, true);
  tcp::resolver resolver(ex);
  auto [rec, endpoints] = co_await resolver.async_resolve(server.host, std::to_string(server.port),
                                                          asio::as_tuple(asio::use_awaitable));
  if (rec) throw SmtpError("cannot resolve the mail server " + server.host + ": " + rec.message(), false);
  auto ctx = tls_context(server);
  Session s{beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(ex), ctx), {}, server.timeout};
  beast::get_lowest_layer(s.stream).expires_after(server.timeout);
  auto [cec, ep] = co_await beast::get_lowest_layer(s.stream).async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  (void)ep;
  if (cec) throw SmtpError("cannot connect to the mail server: " + cec.message(), false);
  if (server.security == SmtpServer::Security::tls) co_await s.handshake(server.host);
  co_await s.step({}, "the greeting", 220, 220);
  const std::string ehlo = "EHLO " + server.helo + "\r\n";
  auto ext = parse_ehlo(co_await s.step(ehlo, "EHLO", 250, 250));
  if (server.security == SmtpServer::Security::starttls) {
    // Required, never opportunistic: a server that does not offer it is not the one configured.
    if (!ext.starttls) throw SmtpError("the mail server does not offer STARTTLS", false);
    co_await s.step("STARTTLS\r\n", "STARTTLS", 220, 220);
    if (!s.buffer.empty()) throw SmtpError("the mail server sent data before TLS began", false);  // RFC 3207 §6
    co_await s.handshake(server.host);
    ext = parse_ehlo(co_await s.step(ehlo, "EHLO", 250, 250));  // what it offers may change inside TLS
  }
  if (!server.user.empty()) co_await authenticate(s, server, ext);
  co_await s.step("MAIL FROM:<" + from + ">\r\n", "MAIL FROM", 250, 250);
  co_await s.step("RCPT TO:<" + to + ">\r\n", "RCPT TO", 250, 251);
  co_await s.step("DATA\r\n", "DATA", 354, 354);
  co_await s.step(dot_stuff(render(m, date, message_id)), "the message", 250, 250);
  co_await s.send("QUIT\r\n", "QUIT");  // its answer does not matter: the message is accepted
}

}  // namespace bluemeet::mail
