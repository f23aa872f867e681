// Sends one message to an SMTP server (RFC 5321): EHLO, MAIL FROM, RCPT TO,
// DATA, QUIT, every step within a deadline. Either plain SMTP to the local
// MTA (postfix, exim) that relays, or straight to the organization's
// submission server: STARTTLS (RFC 3207, port 587) or implicit TLS (RFC 8314,
// port 465), the certificate verified against the system's CAs (or a given
// bundle) and the host name, then AUTH PLAIN or LOGIN (RFC 4954). Credentials
// are only ever sent inside TLS.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include "mail/message.h"

namespace bluemeet::mail {

struct SmtpServer {
  enum class Security { none, starttls, tls };
  Security security = Security::none;
  std::string host = "127.0.0.1";
  unsigned short port = 25;
  std::string user, password;  // empty user: no AUTH
  std::string ca_file;         // PEM bundle to verify the server with; empty: the system's
  std::string helo = "localhost";  // our name in EHLO
  std::chrono::milliseconds timeout{30000};
};

// smtp://host[:25] (plain), smtp+starttls://[user:password@]host[:587],
// smtps://[user:password@]host[:465]; user and password percent-decoded.
// nullopt for anything else, and for credentials without TLS.
std::optional<SmtpServer> parse_smtp_url(std::string_view url);

class SmtpError : public std::runtime_error {
 public:
  SmtpError(const std::string& what, bool permanent) : std::runtime_error(what), permanent_(permanent) {}
  // A 5xx answer: sending again will not help (a refused recipient, say).
  bool permanent() const { return permanent_; }

 private:
  bool permanent_;
};

boost::asio::awaitable<void> send_mail(boost::asio::any_io_executor ex, const SmtpServer& server, const Message& m,
                                       const std::string& date, const std::string& message_id);

}  // namespace bluemeet::mail
