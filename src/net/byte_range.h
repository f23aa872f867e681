// The one byte range of a Range header that playback honours (RFC 9110
// §14.1.2), so that a browser can seek in a long recording: "bytes=a-b",
// "bytes=a-" and "bytes=-n". Several ranges, other units and malformed
// headers are answered with the whole file, as the RFC allows; a range that
// starts past the end is unsatisfiable (416). Pure.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

namespace bluemeet::net {

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};
struct WholeFile {};
struct Unsatisfiable {};

std::variant<WholeFile, ByteRange, Unsatisfiable> parse_byte_range(std::string_view range_header, std::uint64_t size);

}  // namespace bluemeet::net
