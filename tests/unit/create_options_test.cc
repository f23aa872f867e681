#include <gtest/gtest.h>

#include "node/create_options.h"

using namespace bluemeet::node;
using bluemeet::bbb::Params;

namespace {
std::variant<CreateOptions, CreateError> parse(std::string_view q) { return parse_create(*Params::parse(q), NodeDefaults{}); }
std::string key(std::string_view q) {
  auto r = parse(q);
  auto* e = std::get_if<CreateError>(&r);
  return e ? e->key : "";
}
}  // namespace

TEST(CreateOptions, MeetingIdRules) {
  EXPECT_EQ(key("name=Room"), "missingParamMeetingID");
  EXPECT_EQ(key("meetingID=a&name=Room"), "validationError");
  EXPECT_EQ(key("meetingID=" + std::string(257, 'a') + "&name=Room"), "validationError");
  EXPECT_EQ(key("meetingID=a,b&name=Room"), "validationError");
  EXPECT_EQ(key("meetingID=" + std::string(256, 'a') + "&name=Room"), "");
}

TEST(CreateOptions, NameRules) {
  EXPECT_EQ(key("meetingID=abc"), "validationError");
  EXPECT_EQ(key("meetingID=abc&name=R"), "validationError");
}

TEST(CreateOptions, PasswordsAreGeneratedWhenAbsent) {
  auto o = std::get<CreateOptions>(parse("meetingID=abc&name=Room"));
  EXPECT_EQ(o.attendee_pw.size(), 8u);
  EXPECT_EQ(o.moderator_pw.size(), 8u);
  EXPECT_NE(o.attendee_pw, o.moderator_pw);
  EXPECT_FALSE(o.passwords_given);
  EXPECT_EQ(key("meetingID=abc&name=Room&attendeePW=x"), "validationError");
}

TEST(CreateOptions, DefaultsAndFlags) {
  auto o = std::get<CreateOptions>(parse(
      "meetingID=abc&name=Room&record=true&duration=30&maxParticipants=10&guestPolicy=ask_moderator&muteOnStart=TRUE"
      "&lockSettingsDisableNote=true&meta_endCallbackUrl=http://x/&meta_bad_key=1&bannerColor=%23FF0000"));
  EXPECT_TRUE(o.record);
  EXPECT_EQ(o.duration_minutes, 30);
  EXPECT_EQ(o.max_participants, 10);
  EXPECT_EQ(o.guest_policy, GuestPolicy::ask_moderator);
  EXPECT_TRUE(o.mute_on_start);
  EXPECT_TRUE(o.lock.disable_notes);
  ASSERT_EQ(o.metadata.size(), 1u);
  EXPECT_EQ(o.metadata[0].first, "endcallbackurl");
  EXPECT_EQ(o.banner_color, "#FF0000");
  EXPECT_EQ(o.expire_no_join_minutes, 5);
  EXPECT_EQ(o.dial_number, "613-555-1234");
}

TEST(CreateOptions, AbsurdNumbersAreClampedOrIgnored) {
  auto o = std::get<CreateOptions>(parse("meetingID=abc&name=Room&maxParticipants=99999999999999&duration=-5"));
  EXPECT_EQ(o.max_participants, 100000);
  EXPECT_EQ(o.duration_minutes, 0);
  EXPECT_EQ(key("meetingID=abc&name=Room&voiceBridge=12a"), "validationError");
}

TEST(CreateOptions, BreakoutNeedsParent) {
  EXPECT_EQ(key("meetingID=abc&name=Room&isBreakout=true"), "parentMeetingIdMissing");
}

TEST(CreateOptions, KeywordsAndSanitizer) {
  auto o = std::get<CreateOptions>(parse("meetingID=abc&name=Room"));
  EXPECT_EQ(substitute_keywords("Welcome to %%CONFNAME%% (%%CONFNUM%%)", o, "12345", "https://x"), "Welcome to Room (12345)");
  EXPECT_EQ(sanitize_html("<b>hi</b><script>alert(1)</script><a href=\"javascript:x\">y</a>"),
            "<b>hi</b><a>y</a>");
  EXPECT_EQ(sanitize_html("a<STYLE>x{}</style >b<script>never closed"), "ab");
  EXPECT_EQ(sanitize_html("<a href=\"https://e.org/\" onclick=\"x\">e</a><br/>"),
            "<a href=\"https://e.org/\" target=\"_blank\" rel=\"noopener noreferrer\">e</a><br>");
  EXPECT_EQ(sanitize_html("<img src=x onerror=alert(1)>"), "<img>");
  EXPECT_EQ(sanitize_html("1 < 2 > 0"), "1 &lt; 2 &gt; 0");
}
