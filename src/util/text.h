// Small text helpers shared by the protocol code: UTF-8 validation and
// clean-up of user-supplied strings.
#pragma once

#include <string>
#include <string_view>

namespace bluemeet::util {

bool is_valid_utf8(std::string_view s);
// s with each invalid UTF-8 byte replaced by U+FFFD, as a servlet container
// decodes parameters; everything else, controls included, is kept.
std::string to_valid_utf8(std::string_view s);
// Replaces invalid UTF-8 sequences with U+FFFD and drops control characters
// (C0 except tab/newline when keep_newlines, DEL, and C1), as BBB strips
// control characters from names and messages.
std::string clean_text(std::string_view s, bool keep_newlines = false);
// Number of Unicode code points (s must be valid UTF-8).
std::size_t utf8_length(std::string_view s);
// Cuts s to at most n code points.
std::string utf8_truncate(std::string_view s, std::size_t n);
std::string to_lower_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);

}  // namespace bluemeet::util
