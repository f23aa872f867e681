// How a tenant's calls are rewritten for servers and the answers rewritten back.
#include <gtest/gtest.h>

#include "gateway/domain/backend_call.h"

using namespace bluemeet;
using namespace bluemeet::gateway;

namespace {
bbb::Params params(std::string_view q) { return *bbb::Params::parse(q); }
}  // namespace

TEST(BackendCall, PolicyDefaultsFillAndForcedWin) {
  ParamPolicy policy{params("record=false&muteOnStart=true"), params("record=true&guestPolicy=ASK_MODERATOR")};
  auto out = apply_policy(params("meetingID=m&record=false&muteOnStart=false"), policy);
  EXPECT_EQ(out.get("record"), "true");
  EXPECT_EQ(out.get("guestPolicy"), "ASK_MODERATOR");
  EXPECT_EQ(out.get("muteOnStart"), "false");  // the client's choice stands over a default
  EXPECT_EQ(out.count("record"), 1u);
}

TEST(BackendCall, CreateReplacesIdBridgeAndCallbacksAndPassesTheRest) {
  auto in = params(
      "meetingID=room&name=Room&voiceBridge=11111&meta_endCallbackUrl=https%3A%2F%2Flms%2Fend&"
      "meta_bbb-recording-ready-url=https%3A%2F%2Flms%2Frec&meetingEndedURL=https%3A%2F%2Flms%2Fended&"
      "meta_bbb-origin=moodle&unknownParam=kept&checksum=x");
  auto out = backend_create(in, "unipd~room", "70001", [](std::string_view n) { return "https://gw/cb/" + std::string(n); });
  EXPECT_EQ(out.params.get("meetingID"), "unipd~room");
  EXPECT_EQ(out.params.get("voiceBridge"), "70001");
  EXPECT_EQ(out.params.get("meta_endcallbackurl"), "https://gw/cb/endcallbackurl");
  EXPECT_FALSE(out.params.has("meta_bbb-recording-ready-url"));  // the gateway calls it after import
  EXPECT_EQ(out.params.get("meetingEndedURL"), "https://gw/cb/meetingendedurl");
  EXPECT_FALSE(out.params.has("meta_endCallbackUrl"));
  EXPECT_FALSE(out.params.has("checksum"));
  EXPECT_EQ(out.params.get("meta_bbb-origin"), "moodle");
  EXPECT_EQ(out.params.get("unknownParam"), "kept");
  ASSERT_TRUE(out.callbacks.find("endcallbackurl"));
  EXPECT_EQ(*out.callbacks.find("endcallbackurl"), "https://lms/end");
  auto back = InterceptedCallbacks::from_json(out.callbacks.to_json());
  EXPECT_EQ(back.urls.size(), 3u);
}

TEST(BackendCall, ResponsesShowTheTenantItsOwnIdsAndUrls) {
  std::string xml =
      "<response><returncode>SUCCESS</returncode><meetingName>R</meetingName><meetingID>unipd~room</meetingID>"
      "<metadata><endcallbackurl>https://gw/cb/x</endcallbackurl><bbb-origin>m</bbb-origin></metadata></response>";
  InterceptedCallbacks cbs;
  cbs.urls.emplace_back("endcallbackurl", "https://lms/end?a=1&b=2");
  auto mapper = [](std::string_view id) -> std::optional<std::string> {
    if (id == "unipd~room") return std::string("room");
    return std::nullopt;
  };
  auto out = tenant_response(xml, mapper, cbs);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "<response><returncode>SUCCESS</returncode><meetingName>R</meetingName><meetingID>room</meetingID>"
            "<metadata><endcallbackurl>https://lms/end?a=1&amp;b=2</endcallbackurl><bbb-origin>m</bbb-origin></metadata>"
            "</response>");
  EXPECT_FALSE(tenant_response("<not xml", mapper, cbs));
}

TEST(BackendCall, GetMeetingsKeepsOnlyTheTenantsMeetings) {
  std::string xml =
      "<response><returncode>SUCCESS</returncode><meetings>"
      "<meeting><meetingID>unipd~a</meetingID></meeting>"
      "<meeting><meetingID>unimi~a</meetingID></meeting>"
      "<meeting><meetingID>unipd~b</meetingID></meeting>"
      "</meetings></response>";
  auto mapper = [](std::string_view id) -> std::optional<std::string> {
    if (id.starts_with("unipd~")) return std::string(id.substr(6));
    return std::nullopt;
  };
  auto out = tenant_meetings(xml, mapper, [](std::string_view) { return InterceptedCallbacks{}; });
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "<meeting><meetingID>a</meetingID></meeting><meeting><meetingID>b</meetingID></meeting>");
}

#include "gateway/domain/poll_result.h"

TEST(PollResult, ReadsAServersMeetings) {
  auto r = parse_get_meetings(
      "<response><returncode>SUCCESS</returncode><meetings>"
      "<meeting><meetingID>a~1</meetingID><participantCount>3</participantCount><videoCount>1</videoCount>"
      "<voiceParticipantCount>2</voiceParticipantCount><isBreakout>false</isBreakout></meeting>"
      "<meeting><meetingID>a~2</meetingID><participantCount>4</participantCount><isBreakout>true</isBreakout></meeting>"
      "</meetings></response>");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->meetings.size(), 2u);
  EXPECT_EQ(r->participants, 3);  // breakout rooms' people are counted in their parent
  EXPECT_EQ(r->video, 1);
  EXPECT_TRUE(r->meetings[1].breakout);
  auto empty = parse_get_meetings(
      "<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey></response>");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->meetings.empty());
  EXPECT_FALSE(parse_get_meetings("<response><returncode>FAILED</returncode></response>"));
  EXPECT_FALSE(parse_get_meetings("garbage"));
}

TEST(BackendCall, SessionsAreFilteredByTheTenantsInternalIds) {
  auto out = tenant_sessions(
      "<response><returncode>SUCCESS</returncode><sessions>"
      "<meeting><meetingID>aaa-1</meetingID><meetingName>Mine</meetingName><userName>Ada</userName></meeting>"
      "<meeting><meetingID>bbb-2</meetingID><meetingName>Theirs</meetingName><userName>Bob</userName></meeting>"
      "</sessions></response>",
      [](std::string_view id) { return id == "aaa-1"; });
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "<meeting><meetingID>aaa-1</meetingID><meetingName>Mine</meetingName><userName>Ada</userName></meeting>");
  EXPECT_FALSE(tenant_sessions("<oops", [](std::string_view) { return true; }));
}
