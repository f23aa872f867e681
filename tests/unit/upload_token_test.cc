#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "bbb/jwt.h"
#include "recording/upload_token.h"

using namespace bluemeet::recording;

namespace {
const std::string kDigest(64, 'a');
}

TEST(UploadToken, VerifiesWithTheServersSecretAndNamesTheTar) {
  auto t = sign_upload_token("node-secret", kDigest, 1000);
  EXPECT_EQ(verify_upload_token(t, "node-secret", 1000), kDigest);
  EXPECT_EQ(verify_upload_token(t, "node-secret", 1000 + kUploadTokenSeconds - 1), kDigest);
}

TEST(UploadToken, RefusesAnotherSecretAnExpiredTokenAndAnEmptySecret) {
  auto t = sign_upload_token("node-secret", kDigest, 1000);
  EXPECT_FALSE(verify_upload_token(t, "other-secret", 1000));
  EXPECT_FALSE(verify_upload_token(t, "node-secret", 1000 + kUploadTokenSeconds + 1));
  EXPECT_FALSE(verify_upload_token(sign_upload_token("", kDigest, 1000), "", 1000));
}

TEST(UploadToken, RefusesTokensMadeForSomethingElse) {
  // A recording-ready callback's JWT is signed with a secret too; it is no upload's.
  boost::json::object callback{{"meeting_id", "m"}, {"record_id", "r"}};
  EXPECT_FALSE(verify_upload_token(bluemeet::bbb::jwt_sign(callback, "s", bluemeet::bbb::JwtAlg::HS256), "s", 1000));
  boost::json::object no_expiry{{"aud", kUploadAudience}, {"sha256", kDigest}};
  EXPECT_FALSE(verify_upload_token(bluemeet::bbb::jwt_sign(no_expiry, "s", bluemeet::bbb::JwtAlg::HS256), "s", 1000));
  boost::json::object bad_digest{{"aud", kUploadAudience}, {"sha256", "../../etc"}, {"exp", 5000}};
  EXPECT_FALSE(verify_upload_token(bluemeet::bbb::jwt_sign(bad_digest, "s", bluemeet::bbb::JwtAlg::HS256), "s", 1000));
}

TEST(UploadToken, BearerHeader) {
  EXPECT_EQ(bearer_token("Bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(bearer_token("  bearer   abc "), "abc");
  EXPECT_EQ(bearer_token("Basic abc"), "");
  EXPECT_EQ(bearer_token(""), "");
}
