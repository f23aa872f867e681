#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "bbb/jwt.h"
#include "bbb/webhooks.h"
#include "node/payloads.h"
#include "node_test_util.h"
#include "util/crypto.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;
namespace json = boost::json;

TEST(Payloads, EndCallbackKeepsQueryAndAddsMarksAndId) {
  Meeting m(options("meetingID=room 1&name=Room"), "int", 1000, "70000");
  EXPECT_EQ(end_callback_url("https://lms.example/cb?token=x", m),
            "https://lms.example/cb?token=x&recordingmarks=false&meetingID=room+1");
  EXPECT_EQ(end_callback_url("https://lms.example/cb", m), "https://lms.example/cb?recordingmarks=false&meetingID=room+1");
}

TEST(Payloads, AnalyticsBodyAndToken) {
  Meeting m(options("meetingID=m1&name=Room&meta_gl-listed=true&meta_bbb-context=c"), "int-1", 1'000'000, "70000");
  enter(m, "w_1", as("Ann", Role::moderator, "ext-ann"), 1'000'000);
  bluemeet::node::ActionError err{};
  m.chat("w_1", "hi", 1'010'000, err);
  m.end(EndReason::api, 1'060'000);
  auto body = json::parse(analytics_body(m)).as_object();
  EXPECT_EQ(body["version"].as_string(), "1.0");
  EXPECT_EQ(body["meeting_id"].as_string(), "m1");
  EXPECT_EQ(body["internal_meeting_id"].as_string(), "int-1");
  auto& data = body["data"].as_object();
  EXPECT_FALSE(data["metadata"].as_object().contains("gl-listed"));
  EXPECT_TRUE(data["metadata"].as_object().contains("bbb-context"));
  auto& a = data["attendees"].as_array().at(0).as_object();
  EXPECT_EQ(a["ext_user_id"].as_string(), "ext-ann");
  EXPECT_EQ(a["moderator"].as_bool(), true);
  EXPECT_EQ(a["duration"].as_int64(), 60);
  EXPECT_EQ(a["engagement"].as_object()["chats"].as_int64(), 1);
  EXPECT_EQ(a["joins"].as_array().at(0).as_string(), "1970-01-01T00:16:40.000Z");

  auto auth = analytics_authorization("sekrit", 1'000'000);
  ASSERT_TRUE(auth.starts_with("Bearer "));
  auto claims = bluemeet::bbb::jwt_verify(auth.substr(7), "sekrit", 1000);
  ASSERT_TRUE(claims);
  EXPECT_EQ((*claims)["exp"].as_int64(), 1000 + 24 * 3600);
  auto header = bluemeet::util::base64url_decode(auth.substr(7, auth.find('.') - 7));
  EXPECT_NE(header->find("HS512"), std::string::npos);
}

TEST(Payloads, WebhookBodyAndChecksum) {
  Meeting m(options("meetingID=m1&name=Room"), "int-1", 1000, "70000");
  auto event = webhook_meeting_created(m, 5);
  auto parsed = json::parse(event).as_object();
  EXPECT_EQ(parsed["data"].as_object()["id"].as_string(), "meeting-created");
  EXPECT_EQ(parsed["data"].as_object()["attributes"].as_object()["meeting"].as_object()["external-meeting-id"].as_string(), "m1");
  auto body = bluemeet::bbb::webhook_body("node.example", event, 7);
  EXPECT_TRUE(body.starts_with("domain=node.example&event=%5B%7B"));
  EXPECT_TRUE(body.ends_with("&timestamp=7"));
  auto url = bluemeet::bbb::webhook_signed_url("http://127.0.0.1:9/cb", body, "s");
  EXPECT_EQ(url, "http://127.0.0.1:9/cb?checksum=" +
                     bluemeet::util::hex_digest(bluemeet::util::HashAlg::sha1, "http://127.0.0.1:9/cb" + body + "s"));
}
