#include <gtest/gtest.h>

#include "bbb/jwt.h"
#include "util/crypto.h"

using namespace bluemeet::bbb;

TEST(Jwt, SignsAndVerifiesHs256AndHs512) {
  boost::json::object claims{{"meeting_id", "m1"}, {"record_id", "r1"}};
  auto t = jwt_sign(claims, "secret", JwtAlg::HS256);
  auto back = jwt_verify(t, "secret", 0);
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)["meeting_id"].as_string(), "m1");
  EXPECT_FALSE(jwt_verify(t, "other", 0));
  auto t512 = jwt_sign({{"exp", 2000}}, "s", JwtAlg::HS512);
  EXPECT_TRUE(jwt_verify(t512, "s", 1999));
  EXPECT_FALSE(jwt_verify(t512, "s", 2000));  // expired
  // The header says HS512.
  auto header = bluemeet::util::base64url_decode(t512.substr(0, t512.find('.')));
  EXPECT_NE(header->find("\"alg\":\"HS512\""), std::string::npos);
}

TEST(Jwt, KnownHs256Token) {
  // Independent value: HMAC-SHA256 over the jwt.io example input, key "your-256-bit-secret".
  auto t = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
           "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  EXPECT_TRUE(jwt_verify(t, "your-256-bit-secret", 0));
}

TEST(Jwt, RejectsNoneAndGarbage) {
  auto none = bluemeet::util::base64url_encode(R"({"alg":"none"})") + "." + bluemeet::util::base64url_encode("{}") + ".";
  EXPECT_FALSE(jwt_verify(none, "s", 0));
  EXPECT_FALSE(jwt_verify("a.b", "s", 0));
  EXPECT_FALSE(jwt_verify("...", "s", 0));
  EXPECT_FALSE(jwt_verify("a.b.c.d", "s", 0));
}
