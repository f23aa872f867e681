#include "mail/message.h"

#include <cctype>
#include <sstream>

#include "util/crypto.h"

namespace bluemeet::mail {

std::string address_of(std::string_view mailbox) {
  auto open = mailbox.rfind('<');
  auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(mailbox.substr(open + 1, close - open - 1));
  return std::string(mailbox);
}

bool valid_address(std::string_view a) {
  auto at = a.find('@');
  if (a.empty() || a.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == a.size()) return false;
  for (char c : a)
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == 0x7f)
      return false;
  return true;
}

std::string encoded_word(std::string_view s) {
  bool plain = true;
  for (unsigned char c : s) plain &= c >= 0x20 && c < 0x7f;
  if (plain) return std::string(s);
  return "=?UTF-8?B?" + util::base64_encode(s) + "?=";
}

std::string quoted_printable(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  auto put = [&](std::string_view piece) {
    if (line + piece.size() > 75) {  // soft line break keeps lines under 76
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\r\n";
      line = 0;
      continue;
    }
    if (c == '\r') continue;
    bool at_line_end = i + 1 == s.size() || s[i + 1] == '\n';
    if ((c >= 33 && c <= 126 && c != '=') || (c == ' ' && !at_line_end)) {
      char ch = static_cast<char>(c);
      put(std::string_view(&ch, 1));
    } else {
      char enc[3] = {'=', hex[c >> 4], hex[c & 15]};
      put(std::string_view(enc, 3));
    }
  }
  return out;
}

std::string render(const Message& m, std::string_view date, std::string_view message_id) {
  std::string out;
  out += "From: " + m.from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + encoded_word(m.subject) + "\r\n";
  out += "Date: " + std::string(date) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += quoted_printable(m.body);
  return out;
}

std::string dot_stuff(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

std::optional<Reply> parse_reply(std::string_view buf) {
  std::size_t pos = 0;
  std::vector<std::string> lines;
  while (true) {
    auto eol = buf.find("\r\n", pos);
    if (eol == std::string_view::npos) return std::nullopt;
    auto line = buf.substr(pos, eol - pos);
    if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
        !std::isdigit(static_cast<unsigned char>(line[1])) || !std::isdigit(static_cast<unsigned char>(line[2])))
      return Reply{-1, eol + 2, {}};  // not SMTP: the caller gives up
    pos = eol + 2;
    lines.emplace_back(line.size() > 4 ? line.substr(4) : std::string_view());
    if (line.size() == 3 || line[3] == ' ')
      return Reply{(line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0'), pos, std::move(lines)};
    // "250-..." continues on the next line
  }
}

Extensions parse_ehlo(const Reply& ehlo) {
  Extensions out;
  // The first line greets; each further one names an extension and its parameters.
  for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {
    std::string line;
    for (char c : ehlo.lines[i]) line.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    std::istringstream words(line);
    std::string keyword;
    words >> keyword;
    if (keyword == "STARTTLS") out.starttls = true;
    if (keyword != "AUTH") continue;
    for (std::string mech; words >> mech;) {
      out.auth_plain |= mech == "PLAIN";
      out.auth_login |= mech == "LOGIN";
    }
  }
  return out;
}

std::string auth_plain(std::string_view user, std::string_view password) {
  std::string raw;
  raw.push_back('\0');
  raw.append(user);
  raw.push_back('\0');
  raw.append(password);
  return util::base64_encode(raw);
}

}  // namespace bluemeet::mail
