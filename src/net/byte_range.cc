#include "net/byte_range.h"

#include <charconv>

#include "util/text.h"

namespace bluemeet::net {

namespace {

bool parse_number(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::variant<WholeFile, ByteRange, Unsatisfiable> parse_byte_range(std::string_view header, std::uint64_t size) {
  auto h = util::trim(header);
  if (h.size() < 6 || !util::iequals(h.substr(0, 6), "bytes=")) return WholeFile{};
  auto spec = util::trim(h.substr(6));
  if (spec.find(',') != std::string_view::npos) return WholeFile{};  // several ranges: the whole file is a valid answer
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return WholeFile{};
  auto first = util::trim(spec.substr(0, dash));
  auto last = util::trim(spec.substr(dash + 1));
  std::uint64_t a = 0, b = 0;
  if (first.empty()) {  // a suffix: the last n bytes
    if (!parse_number(last, b)) return WholeFile{};
    if (b == 0 || size == 0) return Unsatisfiable{};
    if (b > size) b = size;
    return ByteRange{size - b, b};
  }
  if (!parse_number(first, a)) return WholeFile{};
  if (last.empty()) b = size == 0 ? 0 : size - 1;
  else if (!parse_number(last, b) || b < a) return WholeFile{};
  if (a >= size) return Unsatisfiable{};
  if (b >= size) b = size - 1;
  return ByteRange{a, b - a + 1};
}

}  // namespace bluemeet::net
