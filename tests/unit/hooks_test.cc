#include <gtest/gtest.h>

#include "node/hooks.h"

using namespace bluemeet::node;

TEST(Hooks, MatchingByMeetingAndEvent) {
  HookRegistry r;
  r.add(Hook{1, "http://a/", "", {}, false, false});
  r.add(Hook{2, "http://b/", "m1", bluemeet::bbb::parse_event_ids("user-joined, Meeting-Ended"), false, false});
  EXPECT_EQ(r.matching("meeting-created", "m1").size(), 1u);
  EXPECT_EQ(r.matching("meeting-ended", "m1").size(), 2u);
  EXPECT_EQ(r.matching("meeting-ended", "m2").size(), 1u);
  EXPECT_TRUE(r.find_duplicate("http://b/", "m1"));
  EXPECT_FALSE(r.find_duplicate("http://b/", ""));
  EXPECT_EQ(r.list(std::string_view("m2")).size(), 1u);
  EXPECT_EQ(r.list(std::nullopt).size(), 2u);
  EXPECT_TRUE(r.remove(2));
  EXPECT_FALSE(r.remove(2));
}
