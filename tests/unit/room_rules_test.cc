#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "portal/password.h"
#include "portal/room_rules.h"

using namespace bluemeet::portal;

TEST(RoomRules, OwnersAndCoOwnersAreModeratorsWhateverTheOptions) {
  RoomOptions o;
  o.require_sign_in = true;
  o.viewer_access_code = "v";
  auto d = decide_join(o, Visitor{true, true, ""});
  EXPECT_EQ(d.role, JoinRole::moderator);
  EXPECT_TRUE(may_start(o, Visitor{true, true, ""}));
}

TEST(RoomRules, AccessCodesDecideViewersAndModerators) {
  RoomOptions o;
  o.viewer_access_code = "view";
  o.moderator_access_code = "mod";
  EXPECT_EQ(decide_join(o, Visitor{false, false, ""}).error, "accessCodeRequired");
  EXPECT_EQ(decide_join(o, Visitor{false, false, "nope"}).error, "wrongAccessCode");
  EXPECT_EQ(decide_join(o, Visitor{false, false, "view"}).role, JoinRole::viewer);
  EXPECT_EQ(decide_join(o, Visitor{false, false, "mod"}).role, JoinRole::moderator);
  EXPECT_TRUE(may_start(o, Visitor{false, false, "mod"})) << "the moderator code starts the room";
  EXPECT_FALSE(may_start(o, Visitor{false, false, "view"}));
}

TEST(RoomRules, SignInRequiredAndEveryoneModeratorAndAnyoneCanStart) {
  RoomOptions o;
  o.require_sign_in = true;
  EXPECT_EQ(decide_join(o, Visitor{false, false, ""}).error, "signInRequired");
  EXPECT_EQ(decide_join(o, Visitor{true, false, ""}).role, JoinRole::viewer);
  o.all_moderators = true;
  EXPECT_EQ(decide_join(o, Visitor{true, false, ""}).role, JoinRole::moderator);
  EXPECT_FALSE(may_start(o, Visitor{true, false, ""}));
  o.anyone_can_start = true;
  EXPECT_TRUE(may_start(o, Visitor{true, false, ""}));
  EXPECT_FALSE(may_start(o, Visitor{false, false, ""})) << "still only the signed in, where sign-in is required";
}

TEST(RoomRules, OptionsJsonRoundTripAndBadValues) {
  RoomOptions o;
  std::string bad;
  auto j = boost::json::parse(R"({"record":true,"viewerAccessCode":"abc","unknown":1})").as_object();
  ASSERT_TRUE(apply_json(o, j, bad));
  EXPECT_TRUE(o.record);
  EXPECT_EQ(o.viewer_access_code, "abc");
  auto back = options_from_json_text(boost::json::serialize(to_json(o)), RoomOptions{});
  EXPECT_TRUE(back.record);
  EXPECT_EQ(back.viewer_access_code, "abc");
  RoomOptions untouched = o;
  EXPECT_FALSE(apply_json(o, boost::json::parse(R"({"record":"yes","muteOnStart":true})").as_object(), bad));
  EXPECT_EQ(bad, "record");
  EXPECT_FALSE(o.mute_on_start) << "a bad field changes nothing";
  EXPECT_FALSE(apply_json(o, boost::json::parse(R"({"moderatorAccessCode":"has space"})").as_object(), bad));
  (void)untouched;
}

TEST(RoomRules, ForcedOptionsTakeTheSiteDefault) {
  RoomOptions room, site;
  room.record = true;
  site.record = false;
  site.mute_on_start = true;
  auto e = effective_options(room, site, {"record", "muteOnStart"});
  EXPECT_FALSE(e.record);
  EXPECT_TRUE(e.mute_on_start);
  EXPECT_TRUE(effective_options(room, site, {}).record);
}

TEST(RoomRules, FriendlyIdsAndVisibilities) {
  auto id = new_friendly_id();
  EXPECT_TRUE(looks_like_friendly_id(id)) << id;
  EXPECT_NE(id, new_friendly_id());
  EXPECT_FALSE(looks_like_friendly_id("abc-def-ghi"));
  EXPECT_FALSE(looks_like_friendly_id("ABC-def-ghi-jkl"));
  EXPECT_FALSE(looks_like_friendly_id("../../etc/passw"));
  auto p = *visibility_params("publicProtected");
  EXPECT_TRUE(p.publish && p.protect && p.listed);
  EXPECT_FALSE(visibility_params("unpublished")->publish);
  EXPECT_FALSE(visibility_params("secret"));
}

TEST(Password, Argon2idVerifiesOnlyTheRightPassword) {
  auto h = hash_password("correct horse");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("correct horse", h));
  EXPECT_FALSE(verify_password("correct horsE", h));
  EXPECT_NE(h, hash_password("correct horse")) << "salted";
  EXPECT_FALSE(verify_password("anything", decoy_hash()));
}
