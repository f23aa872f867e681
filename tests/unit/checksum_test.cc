// The checksum vectors of the BBB API reference (docs' example secret), and
// the ways clients encode and send them.
#include <gtest/gtest.h>

#include <array>

#include "bbb/checksum.h"
#include "bbb/request.h"

using namespace bluemeet;
using bbb::ChecksumVerdict;

namespace {

const std::string kSecret = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";
const std::string kCreate = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444";

bbb::ChecksumOutcome verify(std::string_view call, std::string_view query, const bbb::ChecksumOptions& opts = {},
                            std::optional<std::string_view> body = std::nullopt) {
  std::array<std::string, 1> secrets{kSecret};
  return bbb::verify_checksum({call, query, body}, secrets, opts);
}

}  // namespace

TEST(Checksum, ReferenceVectors) {
  using util::HashAlg;
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "create", kCreate, kSecret), "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha256, "create", kCreate, kSecret),
            "da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha384, "create", kCreate, kSecret),
            "891ac633df39d0a1b4f8d597f3e190833216c4b29c4fb51ea3ca72757eeb958d6e7b49a845cf29f5c6019c7d29d029d1");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha512, "create", kCreate, kSecret),
            "de73ad61d11a5c801b68d4bd6ec5248546085cefb0b25c85f3c46249ea93a3a4b120f92c0a8a58d7512cb77821884951a3b01245f"
            "3435dbbef49fff3cc3988b4");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "create",
                                  "attendeePW=111222&moderatorPW=333444&meta_bbb-origin=x%20y*~&name=Test%20Meeting&meetingID=abc123",
                                  kSecret),
            "f9c384f734a1524dc3190ed8439703845a16bc17");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "getMeetings", "", kSecret), "2027baa7771026e9e93392f55031535d1444c41f");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha256, "getMeetings", "", kSecret),
            "a5370c5f3d97d56d53b435684cdbc429c2898a3bf9f435518b4279e1e0dbfc8c");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "join", "redirect=false&fullName=Jo%20Ann&meetingID=abc123&password=333444", kSecret),
            "7ff2f304e52b77fb08335e768e03233ae9569676");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "isMeetingRunning", "meetingID=abc123", kSecret),
            "8478733ccb8695b8aaaff48b3c1e281a75a6f046");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "end", "meetingID=abc123&password=333444", kSecret),
            "108cff1d464726e7f5ca952d168d72c915fe4acb");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "hooks/create", "callbackURL=http%3A%2F%2F127.0.0.1%3A9%2Fcb", kSecret),
            "8568603a82d689e01c510d4d895d8fe4faf700ce");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "getMeetingInfo", "", "test-2"), "cbf00ea96fae6ff06c2cb311bbde8b26ad66d765");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha256, "getMeetingInfo", "", "test-1"),
            "217da05b692320353e17a1b11c24e9e715caeee51ab5af35231ee5becc350d1e");
  EXPECT_EQ(bbb::compute_checksum(HashAlg::sha1, "getMeetings", "", "b4578c133b8a49acaecacbb3abec91a1"),
            "626a395f69c5f3a3e04145a8262c318c6f788808");
}

TEST(Checksum, AcceptsTheDocsVectorAndRejectsAnyChangedByte) {
  EXPECT_TRUE(verify("create", kCreate + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17").ok());
  auto changed = "name=Test+Meetinh&meetingID=abc123&attendeePW=111222&moderatorPW=333444&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17";
  EXPECT_EQ(verify("create", changed).verdict, ChecksumVerdict::mismatch);
  EXPECT_EQ(verify("join", kCreate + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17").verdict, ChecksumVerdict::mismatch);
}

TEST(Checksum, AlgorithmFollowsLengthAndOddLengthsFail) {
  auto sha512 = bbb::compute_checksum(util::HashAlg::sha512, "create", kCreate, kSecret);
  auto out = verify("create", kCreate + "&checksum=" + sha512);
  EXPECT_TRUE(out.ok());
  EXPECT_EQ(out.alg, util::HashAlg::sha512);
  EXPECT_EQ(verify("create", kCreate + "&checksum=" + sha512.substr(0, 63)).verdict, ChecksumVerdict::bad_length);
  EXPECT_EQ(verify("create", kCreate + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f171").verdict, ChecksumVerdict::bad_length);
}

TEST(Checksum, DisallowedAlgorithmIsRejectedEvenWhenCorrect) {
  bbb::ChecksumOptions opts;
  opts.algorithms = *bbb::AlgorithmSet::parse("sha256,sha512");
  EXPECT_EQ(verify("create", kCreate + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17", opts).verdict,
            ChecksumVerdict::not_allowed);
  EXPECT_FALSE(bbb::AlgorithmSet::parse("md5").has_value());
  EXPECT_FALSE(bbb::AlgorithmSet::parse("").has_value());
  EXPECT_EQ(opts.algorithms.to_string(), "sha256,sha512");
}

TEST(Checksum, HexIsCaseInsensitive) {
  EXPECT_TRUE(verify("create", kCreate + "&checksum=1FCBB0C4FC1F039F73AA6D697D2DB9BA7F803F17").ok());
}

TEST(Checksum, ChecksumMayBeFirstMiddleOrLast) {
  EXPECT_TRUE(verify("create", "checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17&" + kCreate).ok());
  EXPECT_TRUE(verify("create", "name=Test+Meeting&meetingID=abc123&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17&attendeePW=111222&moderatorPW=333444").ok());
}

TEST(Checksum, PhpLeadingAmpersandVerifiesAgainstEmptyString) {
  EXPECT_TRUE(verify("getMeetings", "&checksum=a5370c5f3d97d56d53b435684cdbc429c2898a3bf9f435518b4279e1e0dbfc8c").ok());
  EXPECT_TRUE(verify("getMeetings", "checksum=2027baa7771026e9e93392f55031535d1444c41f").ok());
}

TEST(Checksum, DuplicateChecksumIsRejectedEvenWhenEqual) {
  auto cs = "2027baa7771026e9e93392f55031535d1444c41f";
  EXPECT_EQ(verify("getMeetings", std::string("checksum=") + cs + "&checksum=" + cs).verdict, ChecksumVerdict::duplicate);
}

TEST(Checksum, MissingChecksum) { EXPECT_EQ(verify("create", kCreate).verdict, ChecksumVerdict::missing); }

TEST(Checksum, PostFormBodySignedOverEmptyQuery) {
  std::string body = "meetingID=abc123&checksum=" +
                     bbb::compute_checksum(util::HashAlg::sha1, "getMeetingInfo", "", kSecret);
  EXPECT_TRUE(verify("getMeetingInfo", "", {}, std::string_view(body)).ok());
  // The checksum may also sit in the query while the parameters are in the body.
  auto q = "checksum=" + bbb::compute_checksum(util::HashAlg::sha1, "getMeetingInfo", "", kSecret);
  EXPECT_TRUE(verify("getMeetingInfo", q, {}, std::string_view("meetingID=abc123")).ok());
  bbb::ChecksumOptions strict;
  strict.allow_empty_query_post = false;
  EXPECT_FALSE(verify("getMeetingInfo", "", strict, std::string_view(body)).ok());
}

TEST(Checksum, PostFormBodySignedOverRawAndSortedBody) {
  std::string raw = "meetingID=abc%20123&name=x";
  auto over_raw = bbb::compute_checksum(util::HashAlg::sha1, "create", raw, kSecret);
  EXPECT_TRUE(verify("create", "", {}, std::string_view(raw + "&checksum=" + over_raw)).ok());
  // BBB 2.4-2.6: keys sorted, Java URLEncoder encoding.
  std::string body = "name=a b&meetingID=x*y";
  auto sorted = bbb::compute_checksum(util::HashAlg::sha1, "create", "meetingID=x*y&name=a+b", kSecret);
  EXPECT_TRUE(verify("create", "", {}, std::string_view(body + "&checksum=" + sorted)).ok());
  bbb::ChecksumOptions no_body;
  no_body.allow_body_checksum = false;
  EXPECT_FALSE(verify("create", "", no_body, std::string_view(body + "&checksum=" + sorted)).ok());
}

TEST(Checksum, QueryParametersAreNotRescuedByBody) {
  // With a non-empty query, only the query is signed: a body cannot stand in for it.
  auto cs = bbb::compute_checksum(util::HashAlg::sha1, "create", "", kSecret);
  EXPECT_FALSE(verify("create", "meetingID=x&checksum=" + cs, {}, std::string_view("name=y")).ok());
}

TEST(Checksum, MatchesAnyOfSeveralSecrets) {
  std::array<std::string, 3> secrets{"old", "", kSecret};
  auto out = bbb::verify_checksum({"create", kCreate + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17", {}}, secrets, {});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out.secret_index, 2);
}

TEST(Checksum, EmptySecretNeverAuthenticates) {
  std::array<std::string, 1> secrets{""};
  auto cs = bbb::compute_checksum(util::HashAlg::sha1, "getMeetings", "", "");
  EXPECT_FALSE(bbb::verify_checksum({"getMeetings", "checksum=" + cs, {}}, secrets, {}).ok());
}

TEST(Checksum, SplitKeepsEveryOtherByte) {
  auto s = bbb::split_checksum("a=1&&checksum=X&b=%20+");
  EXPECT_EQ(s.without_checksum, "a=1&&b=%20+");
  EXPECT_EQ(s.checksum, "X");
  EXPECT_EQ(s.checksum_count, 1);
}

TEST(XmlBody, OnlyNonEmptyXmlPostsCarryDocuments) {
  using bluemeet::bbb::is_xml_body;
  EXPECT_TRUE(is_xml_body(true, "application/xml", "<modules/>"));
  EXPECT_TRUE(is_xml_body(true, "text/xml", "<modules/>"));
  EXPECT_FALSE(is_xml_body(false, "application/xml", "<modules/>"));
  EXPECT_FALSE(is_xml_body(true, "application/xml", ""));
  EXPECT_FALSE(is_xml_body(true, "application/x-www-form-urlencoded", "name=x"));
}
