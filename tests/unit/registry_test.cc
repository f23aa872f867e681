#include <gtest/gtest.h>

#include "node/registry.h"
#include "node_test_util.h"
#include "util/crypto.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;

TEST(Registry, InternalIdIsSha1OfExternalPlusCreateTime) {
  MeetingRegistry r;
  auto out = r.create(options("meetingID=abc&name=Room"), 1524212045514);
  ASSERT_TRUE(out.meeting);
  EXPECT_EQ(out.meeting->internal_id(), bluemeet::util::hex_digest(bluemeet::util::HashAlg::sha1, "abc") + "-1524212045514");
  EXPECT_EQ(out.meeting->voice_bridge().size(), 5u);
}

TEST(Registry, RepeatCreateIsDuplicateUnlessPasswordsDiffer) {
  MeetingRegistry r;
  auto first = r.create(options("meetingID=abc&name=Room&attendeePW=ap&moderatorPW=mp"), 1000);
  auto again = r.create(options("meetingID=abc&name=Other"), 2000);
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.meeting, first.meeting);
  EXPECT_EQ(again.meeting->create_time(), 1000);
  auto same_pw = r.create(options("meetingID=abc&name=Room&attendeePW=ap&moderatorPW=mp"), 3000);
  EXPECT_TRUE(same_pw.duplicate);
  auto other_pw = r.create(options("meetingID=abc&name=Room&attendeePW=zz&moderatorPW=mp"), 3000);
  ASSERT_TRUE(other_pw.error);
  EXPECT_EQ(other_pw.error->key, "idNotUnique");
}

TEST(Registry, CreateAfterEndMakesANewMeeting) {
  MeetingRegistry r;
  auto first = r.create(options("meetingID=abc&name=Room"), 1000);
  first.meeting->end(EndReason::api, 1500);
  auto second = r.create(options("meetingID=abc&name=Room"), 2000);
  EXPECT_FALSE(second.duplicate);
  EXPECT_NE(second.meeting, first.meeting);
  EXPECT_EQ(r.find("abc"), second.meeting);
}

TEST(Registry, ExplicitVoiceBridgeMustBeUnique) {
  MeetingRegistry r;
  r.create(options("meetingID=a1&name=Room&voiceBridge=12345"), 1000);
  auto dup = r.create(options("meetingID=a2&name=Room&voiceBridge=12345"), 1000);
  ASSERT_TRUE(dup.error);
  EXPECT_EQ(dup.error->key, "nonUniqueVoiceBridge");
  EXPECT_TRUE(dup.errors_envelope);
}

TEST(Registry, GeneratedBridgesAreUniqueEvenWhenCrowded) {
  MeetingRegistry r;
  r.set_voice_bridge_digits(2);  // 90 numbers
  std::set<std::string> seen;
  for (int i = 0; i < 90; ++i) {
    auto out = r.create(options("meetingID=m" + std::to_string(i) + "&name=Room"), 1000 + i);
    ASSERT_TRUE(out.meeting) << i;
    EXPECT_TRUE(seen.insert(out.meeting->voice_bridge()).second);
  }
  EXPECT_TRUE(r.create(options("meetingID=full&name=Room"), 5000).error);
}

TEST(Registry, FindsByExternalOrExactInternalIdButNotByPrefix) {
  MeetingRegistry r;
  auto out = r.create(options("meetingID=abc&name=Room"), 1000);
  const auto& internal = out.meeting->internal_id();
  EXPECT_EQ(r.find("abc"), out.meeting);
  EXPECT_EQ(r.find(internal), out.meeting);
  EXPECT_EQ(r.find(internal.substr(0, 2)), nullptr);
  EXPECT_EQ(r.find("ab"), nullptr);
}

TEST(Registry, SessionsAndPurge) {
  MeetingRegistry r;
  auto* m = r.create(options("meetingID=abc&name=Room"), 1000).meeting;
  m->join(as("A", Role::moderator), "w_1", "tok", "a", 1000);
  r.index_session("tok", m->internal_id(), "w_1");
  ASSERT_TRUE(r.by_session("tok"));
  EXPECT_EQ(r.by_session("tok")->user->name, "A");
  EXPECT_FALSE(r.by_session("other"));
  m->end(EndReason::api, 2000);
  EXPECT_TRUE(r.purge(2000 + 59'999, 60'000).empty());
  EXPECT_EQ(r.purge(2000 + 60'000, 60'000).size(), 1u);
  EXPECT_FALSE(r.by_session("tok"));
  EXPECT_EQ(r.find("abc"), nullptr);
}
