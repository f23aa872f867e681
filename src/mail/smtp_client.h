// Sends one message to an SMTP server (RFC 5321): EHLO, MAIL FROM, RCPT TO,
// DATA, QUIT, every step within a deadline. Plain SMTP, as to the local MTA
// (postfix, exim) that relays with TLS and authentication: that is where
// organizations already configure their mail.
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
  std::string host = "127.0.0.1";
  unsigned short port = 25;
  std::string helo = "localhost";  // our name in EHLO
  std::chrono::milliseconds timeout{30000};
};

// "smtp://host[:port]"; nullopt for anything else.
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
