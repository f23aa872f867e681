// Element order and types of the node's XML, against BBB 3.0's templates
// (create-meeting.ftlx, get-meeting-info.ftlx, the join response).
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "node/meeting_xml.h"
#include "node_test_util.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;

namespace {

std::vector<std::string> children(const pugi::xml_node& n) {
  std::vector<std::string> out;
  for (auto c : n.children()) out.emplace_back(c.name());
  return out;
}

pugi::xml_node root(pugi::xml_document& doc, const std::string& xml) {
  auto ok = doc.load_string(xml.c_str());
  EXPECT_TRUE(ok) << xml;
  return doc.child("response");
}

Meeting sample() {
  Meeting m(options("meetingID=abc&name=Anton's Room&attendeePW=ap&moderatorPW=mp&meta_bbb-origin=greenlight"), "int-abc",
            1715261728123, "66052");
  auto r = as("Anton G", Role::moderator, "ext-1");
  r.customdata = {{"bbb_x", "y"}, {"bad key", "z"}};
  enter(m, "w_1", r, 1715261728200);
  return m;
}

}  // namespace

TEST(MeetingXml, CreateResponseOrder) {
  auto m = sample();
  pugi::xml_document doc;
  auto r = root(doc, create_response_xml(m, false));
  EXPECT_EQ(children(r), (std::vector<std::string>{"returncode", "meetingID", "internalMeetingID", "parentMeetingID",
                                                    "attendeePW", "moderatorPW", "createTime", "voiceBridge", "dialNumber",
                                                    "createDate", "hasUserJoined", "duration", "hasBeenForciblyEnded",
                                                    "messageKey", "message"}));
  EXPECT_STREQ(r.child_value("parentMeetingID"), "bbb-none");
  EXPECT_STREQ(r.child_value("createDate"), "Thu May 09 13:35:28 UTC 2024");
  auto dup = root(doc, create_response_xml(m, true));
  EXPECT_STREQ(dup.child_value("messageKey"), "duplicateWarning");
}

TEST(MeetingXml, GetMeetingInfoOrderAndValues) {
  auto m = sample();
  pugi::xml_document doc;
  auto r = root(doc, meeting_info_xml(m));
  EXPECT_EQ(children(r),
            (std::vector<std::string>{"returncode", "meetingName", "meetingID", "internalMeetingID", "createTime",
                                      "createDate", "voiceBridge", "dialNumber", "attendeePW", "moderatorPW", "running",
                                      "duration", "hasUserJoined", "recording", "hasBeenForciblyEnded", "startTime",
                                      "endTime", "participantCount", "listenerCount", "voiceParticipantCount",
                                      "videoCount", "maxUsers", "moderatorCount", "attendees", "metadata", "isBreakout"}));
  EXPECT_STREQ(r.child_value("running"), "true");
  EXPECT_STREQ(r.child_value("participantCount"), "1");
  EXPECT_STREQ(r.child_value("moderatorCount"), "1");
  auto a = r.child("attendees").child("attendee");
  EXPECT_EQ(children(a), (std::vector<std::string>{"userID", "fullName", "role", "isPresenter", "isListeningOnly",
                                                    "hasJoinedVoice", "hasVideo", "clientType", "customdata"}));
  EXPECT_STREQ(a.child_value("userID"), "ext-1");
  EXPECT_STREQ(a.child_value("role"), "MODERATOR");
  EXPECT_STREQ(a.child_value("isPresenter"), "true");
  EXPECT_STREQ(a.child_value("clientType"), "HTML5");
  EXPECT_STREQ(a.child("customdata").child_value("bbb_x"), "y");
  EXPECT_EQ(children(a.child("customdata")).size(), 1u);  // the key that is no XML name is left out
  EXPECT_STREQ(r.child("metadata").child_value("bbb-origin"), "greenlight");
  EXPECT_STREQ(r.child_value("meetingName"), "Anton's Room");
}

TEST(MeetingXml, NoMeetings) {
  EXPECT_EQ(meetings_xml({}),
            "<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey>"
            "<message>no meetings were found on this server</message></response>");
}

TEST(MeetingXml, JoinResponse) {
  auto m = sample();
  pugi::xml_document doc;
  auto r = root(doc, join_response_xml(m, *m.user("w_1"), "http://n/client/join?sessionToken=t"));
  EXPECT_EQ(children(r), (std::vector<std::string>{"returncode", "messageKey", "message", "meeting_id", "user_id",
                                                    "auth_token", "session_token", "guestStatus", "url"}));
  EXPECT_STREQ(r.child_value("messageKey"), "successfullyJoined");
  EXPECT_STREQ(r.child_value("guestStatus"), "ALLOW");
}
