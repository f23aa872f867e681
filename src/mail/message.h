// Mail as SMTP carries it (RFC 5321/5322), pure: the message text with its
// headers (UTF-8 subjects as RFC 2047 words, the body quoted-printable so
// any text survives 7-bit relays), dot-stuffing for DATA, and the server's
// replies, single or multi-line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::mail {

struct Message {
  std::string from;     // "BlueMeet <noreply@example.org>" or a bare address
  std::string to;       // one address
  std::string subject;  // UTF-8
  std::string body;     // UTF-8 text, lines separated by \n
};

// The address inside "Name <addr>", or the whole string.
std::string address_of(std::string_view mailbox);
// A mailbox safe to put in a header and a command: no CR, LF, or angle brackets inside the address.
bool valid_address(std::string_view address);

// The full message, CRLF line ends, with Date (date_rfc5322) and Message-ID (id@domain of from).
std::string render(const Message& m, std::string_view date_rfc5322, std::string_view message_id);
// DATA's payload: lines starting with '.' doubled, ending with CRLF.CRLF.
std::string dot_stuff(std::string_view text);

std::string quoted_printable(std::string_view utf8);
std::string encoded_word(std::string_view utf8);  // =?UTF-8?B?...?= when not plain ASCII

// One complete reply in `buffer` (code and whether it is complete): "250-a\r\n250 b\r\n".
struct Reply {
  int code = 0;
  std::size_t length = 0;  // bytes of buffer it took
  std::vector<std::string> lines;  // each line's text after the code and separator
};
std::optional<Reply> parse_reply(std::string_view buffer);

// What an EHLO reply offers that the client cares about (RFC 3207, 4954).
struct Extensions {
  bool starttls = false;
  bool auth_plain = false;
  bool auth_login = false;
};
Extensions parse_ehlo(const Reply& ehlo);

// AUTH PLAIN's initial response (RFC 4616): base64 of "\0user\0password".
std::string auth_plain(std::string_view user, std::string_view password);

}  // namespace bluemeet::mail
