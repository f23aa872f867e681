#include "net/content_disposition.h"

namespace bluemeet::net {

std::string content_disposition(bool attachment, std::string_view file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii, encoded;
  for (unsigned char ch : file_name) {
    // One stand-in per character: a UTF-8 sequence's continuation bytes add none.
    if (ch < 0x80) ascii += ch != '"' && ch != '\\' ? static_cast<char>(ch) : '_';
    else if (ch >= 0xc0) ascii += '_';
    // RFC 5987's attr-char stays; everything else is %XX.
    bool alnum = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if (alnum || (ch < 0x80 && std::string_view("!#$&+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos)) {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
  }
  return std::string(attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace bluemeet::net
