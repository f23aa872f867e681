#include "store/placeholders.h"

namespace bluemeet::store {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }

// Each skip_* starts at the opening delimiter and returns the index just past
// the closing one (or the end: an unterminated construct swallows the rest,
// exactly as the server would read it, so no `?` in it is rewritten).

std::size_t skip_quoted(std::string_view s, std::size_t i, char quote, bool backslash_escapes) {
  for (++i; i < s.size(); ++i) {
    if (backslash_escapes && s[i] == '\\') { ++i; continue; }
    if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) { ++i; continue; }  // doubled quote
      return i + 1;
    }
  }
  return s.size();
}

std::size_t skip_block_comment(std::string_view s, std::size_t i) {
  int depth = 0;  // PostgreSQL nests block comments
  while (i < s.size()) {
    if (s.compare(i, 2, "/*") == 0) { ++depth; i += 2; }
    else if (s.compare(i, 2, "*/") == 0) { i += 2; if (--depth == 0) return i; }
    else ++i;
  }
  return s.size();
}

// Returns the length of a dollar-quote tag ("$$" or "$name$") at i, or 0.
std::size_t dollar_tag_length(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '$') return 2;
  if (j >= s.size() || !is_ident_start(s[j])) return 0;  // `$1` is a parameter, not a tag
  while (j < s.size() && is_ident_char(s[j]) && s[j] != '$') ++j;
  return j < s.size() && s[j] == '$' ? j - i + 1 : 0;
}

}  // namespace

RewrittenSql rewrite_placeholders(std::string_view s) {
  RewrittenSql out;
  out.sql.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const bool after_ident = i > 0 && is_ident_char(s[i - 1]);
    std::size_t end = i;
    if (c == '\'') {
      // E'...' is an escape string only when the E is a word of its own.
      const bool escape_string = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
                                 !(i > 1 && is_ident_char(s[i - 2]));
      end = skip_quoted(s, i, '\'', escape_string);
    } else if (c == '"') {
      end = skip_quoted(s, i, '"', false);
    } else if (c == '-' && s.compare(i, 2, "--") == 0) {
      end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size();
    } else if (c == '/' && s.compare(i, 2, "/*") == 0) {
      end = skip_block_comment(s, i);
    } else if (c == '$' && !after_ident) {
      if (std::size_t tag = dollar_tag_length(s, i)) {
        std::size_t close = s.find(s.substr(i, tag), i + tag);
        end = close == std::string_view::npos ? s.size() : close + tag;
      }
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.parameters);
      ++i;
      continue;
    }
    if (end == i) end = i + 1;
    out.sql.append(s.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace bluemeet::store
