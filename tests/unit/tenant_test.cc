#include <gtest/gtest.h>

#include "gateway/domain/tenant.h"

using namespace bluemeet::gateway;

TEST(Tenant, NamesAreDnsLabels) {
  EXPECT_TRUE(valid_tenant_name("unipd"));
  EXPECT_TRUE(valid_tenant_name("uni-pd2"));
  EXPECT_FALSE(valid_tenant_name("-x"));
  EXPECT_FALSE(valid_tenant_name("UniPD"));
  EXPECT_FALSE(valid_tenant_name("a.b"));
  EXPECT_FALSE(valid_tenant_name(std::string(64, 'a')));
  EXPECT_FALSE(valid_tenant_name(""));
}

TEST(Tenant, ApiPathWithAndWithoutPrefix) {
  auto p = parse_api_path("/t/unipd/bigbluebutton/api/create");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->tenant, "unipd");
  EXPECT_EQ(p->call, "create");
  p = parse_api_path("/bigbluebutton/api/hooks/create");
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->tenant);
  EXPECT_EQ(p->call, "hooks/create");
  EXPECT_EQ(parse_api_path("/bigbluebutton/api")->call, "");
  EXPECT_EQ(parse_api_path("/t/x/bigbluebutton/api/")->call, "");
  EXPECT_FALSE(parse_api_path("/t/Bad/bigbluebutton/api/create"));
  EXPECT_FALSE(parse_api_path("/bigbluebutton/apix"));
  EXPECT_FALSE(parse_api_path("/other"));
}

TEST(Tenant, FromHostLabel) {
  EXPECT_EQ(tenant_from_host("unipd.meet.example.org", "meet.example.org"), "unipd");
  EXPECT_EQ(tenant_from_host("UNIPD.Meet.Example.org:443", "meet.example.org"), "unipd");
  EXPECT_FALSE(tenant_from_host("meet.example.org", "meet.example.org"));
  EXPECT_FALSE(tenant_from_host("a.b.meet.example.org", "meet.example.org"));
  EXPECT_FALSE(tenant_from_host("unipdmeet.example.org", "meet.example.org"));
  EXPECT_FALSE(tenant_from_host("unipd.meet.example.org", ""));
  EXPECT_FALSE(tenant_from_host("[::1]:8080", "meet.example.org"));
}

TEST(Tenant, BackendIdsKeepTenantsApart) {
  EXPECT_EQ(backend_meeting_id("unipd", "room-1"), "unipd~room-1");
  // Tenant names cannot contain '~', so the first '~' always ends the tenant.
  EXPECT_NE(backend_meeting_id("ab", "c"), backend_meeting_id("a", "bc"));
  EXPECT_EQ(backend_meeting_id("a", "b~c").substr(0, 2), "a~");
  auto long_id = backend_meeting_id("unipd", std::string(256, 'r'));
  EXPECT_EQ(long_id.size(), std::string("unipd~h-").size() + 64);
  EXPECT_TRUE(long_id.starts_with("unipd~h-"));
}

TEST(Tenant, States) {
  EXPECT_EQ(parse_tenant_state("testing"), TenantState::testing);
  EXPECT_FALSE(parse_tenant_state("paused"));
  EXPECT_EQ(tenant_state_name(TenantState::suspended), "suspended");
}
