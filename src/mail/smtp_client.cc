#include "mail/smtp_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace bluemeet::mail {

std::optional<SmtpServer> parse_smtp_url(std::string_view url) {
  constexpr std::string_view scheme = "smtp://";
  if (!url.starts_with(scheme)) return std::nullopt;
  auto rest = url.substr(scheme.size());
  while (rest.ends_with('/')) rest.remove_suffix(1);
  SmtpServer s;
  std::string_view host = rest, port;
  if (rest.starts_with('[')) {  // [v6]:port
    auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = rest.substr(1, close - 1);
    auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty()) return std::nullopt;
  if (!port.empty() || rest.ends_with(':')) {
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    auto p = std::stoul(std::string(port));
    if (p == 0 || p > 65535) return std::nullopt;
    s.port = static_cast<unsigned short>(p);
  }
  s.host = std::string(host);
  return s;
}

namespace {

struct Session {
  beast::tcp_stream stream;
  std::string buffer;
  std::chrono::milliseconds timeout;

  asio::awaitable<int> reply(std::string_view step) {
    for (;;) {
      if (auto r = parse_reply(buffer)) {
        buffer.erase(0, r->length);
        if (r->code < 0) throw SmtpError("the mail server's answer to " + std::string(step) + " is not SMTP", false);
        co_return r->code;
      }
      if (buffer.size() > 64 * 1024) throw SmtpError("the mail server's answer is too long", false);
      char chunk[4096];
      stream.expires_after(timeout);
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(chunk), asio::as_tuple(asio::use_awaitable));
      if (ec) throw SmtpError("the mail server went away during " + std::string(step) + ": " + ec.message(), false);
      buffer.append(chunk, n);
    }
  }

  asio::awaitable<void> send(std::string_view text, std::string_view step) {
    stream.expires_after(timeout);
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(text.data(), text.size()), asio::as_tuple(asio::use_awaitable));
    (void)n;
    if (ec) throw SmtpError("cannot write " + std::string(step) + " to the mail server: " + ec.message(), false);
  }

  // Sends a command and wants a reply in [lo, hi].
  asio::awaitable<void> step(std::string_view line, std::string_view name, int lo, int hi) {
    if (!line.empty()) co_await send(line, name);
    int code = co_await reply(name);
    if (code < lo || code > hi)
      throw SmtpError("the mail server answered " + std::to_string(code) + " to " + std::string(name), code >= 500);
  }
};

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
  Session s{beast::tcp_stream(ex), {}, server.timeout};
  s.stream.expires_after(server.timeout);
  auto [cec, ep] = co_await s.stream.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  (void)ep;
  if (cec) throw SmtpError("cannot connect to the mail server: " + cec.message(), false);
  co_await s.step({}, "the greeting", 220, 220);
  co_await s.step("EHLO " + server.helo + "\r\n", "EHLO", 250, 250);
  co_await s.step("MAIL FROM:<" + from + ">\r\n", "MAIL FROM", 250, 250);
  co_await s.step("RCPT TO:<" + to + ">\r\n", "RCPT TO", 250, 251);
  co_await s.step("DATA\r\n", "DATA", 354, 354);
  co_await s.step(dot_stuff(render(m, date, message_id)), "the message", 250, 250);
  co_await s.send("QUIT\r\n", "QUIT");  // its answer does not matter: the message is accepted
}

}  // namespace bluemeet::mail
