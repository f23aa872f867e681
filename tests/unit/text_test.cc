#include <gtest/gtest.h>

#include "util/crypto.h"
#include "util/text.h"

using namespace bluemeet::util;

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("caff\xC3\xA8"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(Text, CleanTextReplacesInvalidAndStripsControls) {
  EXPECT_EQ(clean_text("a\x01" "b\xFF" "c\n"), "ab\xEF\xBF\xBD" "c");
  EXPECT_EQ(clean_text("a\nb\tc", true), "a\nb\tc");
  EXPECT_EQ(clean_text("x\xC2\x85y"), "xy");  // C1 control NEL
}

TEST(Text, ToValidUtf8ReplacesOnlyInvalidBytes) {
  EXPECT_EQ(to_valid_utf8("caff\xC3\xA8"), "caff\xC3\xA8");
  EXPECT_EQ(to_valid_utf8("a\xFF" "b\x01"), "a\xEF\xBF\xBD" "b\x01");
  EXPECT_EQ(to_valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Text, LengthAndTruncateCountCodePoints) {
  EXPECT_EQ(utf8_length("caff\xC3\xA8"), 5u);
  EXPECT_EQ(utf8_truncate("caff\xC3\xA8!", 5), "caff\xC3\xA8");
  EXPECT_EQ(utf8_truncate("ab", 5), "ab");
}

TEST(Crypto, ConstantTimeCompare) {
  EXPECT_TRUE(constant_time_equal_nocase("abcDEF09", "ABCdef09"));
  EXPECT_FALSE(constant_time_equal_nocase("abc", "abd"));
  EXPECT_FALSE(constant_time_equal_nocase("abc", "abcd"));
  // Folding applies to letters only: '@' (0x40) and '`' (0x60) differ.
  EXPECT_FALSE(constant_time_equal_nocase("@", "`"));
  EXPECT_TRUE(constant_time_equal("x", "x"));
}

TEST(Crypto, Base64RoundTrip) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe"}) {
    EXPECT_EQ(*base64url_decode(base64url_encode(s)), s);
    EXPECT_EQ(*base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_FALSE(base64url_decode("a*b"));
}
