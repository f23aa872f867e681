#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "gateway/domain/hook_events.h"

namespace bluemeet::gateway {
namespace {

namespace json = boost::json;

constexpr const char* kCreated =
    R"({"data":{"type":"event","id":"Meeting-Created","attributes":{"meeting":{"internal-meeting-id":"abc-1",)"
    R"("external-meeting-id":"unipd~room 1","metadata":{"endcallbackurl":"https://gw/gateway/callback/x",)"
    R"("bbb-origin":"lms"}}},"event":{"ts":1}}})";

TEST(HookEvents, AnEventIsRoutedByItsMeetingsBackendId) {
  auto ev = read_server_event(kCreated);
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->event_id, "meeting-created");
  EXPECT_EQ(ev->backend_id, "unipd~room 1");
}

TEST(HookEvents, EventsWithoutAMeetingAreNotRouted) {
  EXPECT_FALSE(read_server_event("not json"));
  EXPECT_FALSE(read_server_event("[]"));
  EXPECT_FALSE(read_server_event(R"({"data":{"id":"x","attributes":{}}})"));
  EXPECT_FALSE(read_server_event(R"({"data":{"id":3,"attributes":{"meeting":{"external-meeting-id":"m"}}}})"));
  EXPECT_FALSE(read_server_event(R"({"data":{"id":"x","attributes":{"meeting":{"external-meeting-id":7}}}})"));
}

TEST(HookEvents, TheTenantSeesItsOwnMeetingIdAndCallbackUrls) {
  InterceptedCallbacks cb;
  cb.urls.emplace_back("endcallbackurl", "https://lms/end");
  auto out = json::parse(tenant_event(kCreated, "room 1", cb));
  const auto& meeting = out.at("data").at("attributes").at("meeting");
  EXPECT_EQ(meeting.at("external-meeting-id").as_string(), "room 1");
  EXPECT_EQ(meeting.at("internal-meeting-id").as_string(), "abc-1");
  EXPECT_EQ(meeting.at("metadata").at("endcallbackurl").as_string(), "https://lms/end");
  EXPECT_EQ(meeting.at("metadata").at("bbb-origin").as_string(), "lms");
  EXPECT_EQ(out.at("data").at("event").at("ts").as_int64(), 1);
}

}  // namespace
}  // namespace bluemeet::gateway
