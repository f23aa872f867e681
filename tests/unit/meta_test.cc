#include <gtest/gtest.h>

#include "bbb/meta.h"

using namespace bluemeet::bbb;

TEST(Meta, NamesFollowBbbRule) {
  EXPECT_EQ(meta_name("meta_Foo-Bar"), "foo-bar");
  EXPECT_EQ(meta_name("meta_endCallbackUrl"), "endcallbackurl");
  EXPECT_FALSE(meta_name("meta_foo_bar"));
  EXPECT_FALSE(meta_name("meta_1x"));
  EXPECT_FALSE(meta_name("meta_"));
  EXPECT_FALSE(meta_name("name"));
}

TEST(Meta, CollectsMetaAndUserdata) {
  auto p = *Params::parse("meta_A=1&meta_b_c=2&meta_a=3&userdata-bbb_x=y&userdata-=z&other=1");
  auto meta = collect_meta(p);
  ASSERT_EQ(meta.size(), 1u);
  EXPECT_EQ(meta[0].first, "a");
  EXPECT_EQ(meta[0].second, "3");
  auto ud = collect_userdata(p);
  ASSERT_EQ(ud.size(), 1u);
  EXPECT_EQ(ud[0].first, "bbb_x");
}
