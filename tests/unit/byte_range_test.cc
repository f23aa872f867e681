#include <gtest/gtest.h>

#include "net/byte_range.h"

using namespace bluemeet::net;

namespace {

ByteRange range(std::string_view header, std::uint64_t size) {
  auto r = parse_byte_range(header, size);
  EXPECT_TRUE(std::holds_alternative<ByteRange>(r)) << header;
  return std::holds_alternative<ByteRange>(r) ? std::get<ByteRange>(r) : ByteRange{};
}

}  // namespace

TEST(ByteRange, FirstLastOpenEndedAndSuffix) {
  auto r = range("bytes=0-99", 1000);
  EXPECT_EQ(r.offset, 0u);
  EXPECT_EQ(r.length, 100u);
  r = range("bytes=900-", 1000);
  EXPECT_EQ(r.offset, 900u);
  EXPECT_EQ(r.length, 100u);
  r = range("bytes=-10", 1000);
  EXPECT_EQ(r.offset, 990u);
  EXPECT_EQ(r.length, 10u);
  r = range("bytes=-5000", 1000);  // more than there is: all of it
  EXPECT_EQ(r.offset, 0u);
  EXPECT_EQ(r.length, 1000u);
  r = range("bytes=500-5000", 1000);  // past the end: clipped
  EXPECT_EQ(r.length, 500u);
}

TEST(ByteRange, StartPastTheEndIsUnsatisfiable) {
  EXPECT_TRUE(std::holds_alternative<Unsatisfiable>(parse_byte_range("bytes=1000-", 1000)));
  EXPECT_TRUE(std::holds_alternative<Unsatisfiable>(parse_byte_range("bytes=-0", 1000)));
  EXPECT_TRUE(std::holds_alternative<Unsatisfiable>(parse_byte_range("bytes=0-", 0)));
}

TEST(ByteRange, AnythingElseServesTheWholeFile) {
  for (auto h : {"", "items=0-1", "bytes=0-1,5-6", "bytes=abc", "bytes=5-1", "bytes=", "bytes=-", "bytes=99999999999999999999-"})
    EXPECT_TRUE(std::holds_alternative<WholeFile>(parse_byte_range(h, 1000))) << h;
}
