#include "portal/presentation_file.h"

#include "util/text.h"

namespace bluemeet::portal {

std::string presentation_type(std::string_view head) {
  if (head.starts_with("%PDF-")) return "application/pdf";
  if (head.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (head.starts_with("\xff\xd8\xff")) return "image/jpeg";
  return {};
}

std::optional<std::string> clean_file_name(std::string_view name) {
  // Windows browsers once sent the whole path; either separator ends a directory.
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  name = util::trim(name);
  if (name.empty() || name.size() > 255 || !util::is_valid_utf8(name)) return std::nullopt;
  for (unsigned char ch : name)
    if (ch < 0x20 || ch == 0x7f) return std::nullopt;
  if (util::clean_text(name) != name) return std::nullopt;  // C1 controls
  return std::string(name);
}

std::string attachment_disposition(std::string_view file_name) {
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
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace bluemeet::portal
