// The portal's storage on SQLite and PostgreSQL: the identity step that
// every external sign-in method (SAML, OIDC, LTI) goes through, and a room's
// presentation.
#include <gtest/gtest.h>

#include "backend_fixture.h"
#include "portal/db/identities.h"
#include "portal/db/invitations.h"
#include "portal/db/presentations.h"
#include "portal/db/rooms.h"
#include "portal/db/schema.h"

using namespace bluemeet;
using namespace bluemeet::portal;

namespace {

class PortalStoreTest : public bluemeet::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = open();
    store_->migrate(db::portal_migrations());
  }
  template <class F>
  auto with(F f) {
    return store_->run_sync([&](store::Connection& c) { return f(c); });
  }
  std::unique_ptr<store::Store> store_;
};

auth::Identity idem(std::string subject, std::string email = "ada@uni.example.org") {
  return {"saml", "https://idp.uni.example.org/idp/shibboleth", std::move(subject), std::move(email), true, "Ada", "it"};
}

}  // namespace

TEST_P(PortalStoreTest, AnIdentityMakesAUserOnceAndFindsItAfterwards) {
  auto first = with([](auto& c) { return db::user_for_identity(c, idem("subj-1"), "open", 1000); });
  ASSERT_TRUE(first.user);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.user->email, "ada@uni.example.org");
  EXPECT_EQ(first.user->language, "it");
  EXPECT_EQ(first.user->status, "active");
  auto again = with([](auto& c) { return db::user_for_identity(c, idem("subj-1", "changed@uni.example.org"), "open", 2000); });
  ASSERT_TRUE(again.user);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.user->public_id, first.user->public_id);
}

TEST_P(PortalStoreTest, TheSameEmailFromAnotherIssuerIsAnotherPersonNotAMerge) {
  auto a = with([](auto& c) { return db::user_for_identity(c, idem("subj-1"), "open", 1000); });
  auto other = idem("subj-9");
  other.issuer = "https://other-idp.example.org";
  auto b = with([&](auto& c) { return db::user_for_identity(c, other, "open", 1000); });
  ASSERT_TRUE(a.user && b.user);
  EXPECT_NE(a.user->public_id, b.user->public_id);
  EXPECT_TRUE(b.user->email.ends_with("@saml.invalid")) << "the address belongs to the first account";
  auto unverified = idem("subj-2", "someone@uni.example.org");
  unverified.email_verified = false;
  auto u = with([&](auto& c) { return db::user_for_identity(c, unverified, "open", 1000); });
  EXPECT_TRUE(u.user->email.ends_with(".invalid")) << "an unverified address is not taken";
}

TEST_P(PortalStoreTest, RegistrationRulesApplyToExternalIdentities) {
  auto pending = with([](auto& c) { return db::user_for_identity(c, idem("p-1", "p1@uni.example.org"), "approval", 1000); });
  EXPECT_EQ(pending.user->status, "pending");
  auto refused = with([](auto& c) { return db::user_for_identity(c, idem("i-1", "i1@uni.example.org"), "invite", 1000); });
  EXPECT_FALSE(refused.user);
  EXPECT_EQ(refused.error, "registrationClosed");
  auto admin = with([](auto& c) { return db::create_user(c, db::NewUser{"Admin", "admin@uni.example.org", "x"}, 1000); });
  with([&](auto& c) { return db::create_invitation(c, "i1@uni.example.org", "hash-1", admin.id, 1000, 9000); });
  auto invited = with([](auto& c) { return db::user_for_identity(c, idem("i-1", "i1@uni.example.org"), "invite", 2000); });
  ASSERT_TRUE(invited.user);
  EXPECT_EQ(invited.user->status, "active");
  EXPECT_TRUE(with([](auto& c) { return db::open_invitations(c, 3000); }).empty()) << "the invitation is used";
  auto bad = idem("");
  EXPECT_EQ(with([&](auto& c) { return db::user_for_identity(c, bad, "open", 1000); }).error, "invalidIdentity");
}

TEST_P(PortalStoreTest, ARoomKeepsOnePresentationWhichGoesWithTheRoom) {
  auto owner = with([](auto& c) { return db::create_user(c, db::NewUser{"Ada", "ada@uni.example.org", "x"}, 1000); });
  auto room = with([&](auto& c) { return db::create_room(c, owner.id, "Seminar", "{}", 1000); });
  EXPECT_FALSE(room.presentation);
  std::string pdf = "%PDF-1.7\n";
  pdf += '\0';
  pdf += "\xff\xfe binary";
  db::Presentation first{{"Week 1 – slides.pdf", "application/pdf", "aa", static_cast<std::int64_t>(pdf.size()), 2000}, pdf};
  with([&](auto& c) { db::put_presentation(c, room.id, first, owner.id); return 0; });
  auto got = with([&](auto& c) { return db::presentation_of(c, room.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->bytes, pdf);
  EXPECT_EQ(got->info.file_name, "Week 1 – slides.pdf");
  EXPECT_EQ(got->info.size, 19);
  auto listed = with([&](auto& c) { return db::room_by_friendly_id(c, room.friendly_id); });
  ASSERT_TRUE(listed->presentation);
  EXPECT_EQ(listed->presentation->file_name, "Week 1 – slides.pdf");
  EXPECT_EQ(listed->presentation->uploaded_at, 2000);

  db::Presentation second{{"map.png", "image/png", "bb", 8, 3000}, "\x89PNG\r\n\x1a\n"};
  with([&](auto& c) { db::put_presentation(c, room.id, second, owner.id); return 0; });
  got = with([&](auto& c) { return db::presentation_of(c, room.id); });
  EXPECT_EQ(got->info.file_name, "map.png") << "an upload replaces the one before";
  EXPECT_EQ(got->bytes, second.bytes);
  EXPECT_EQ(with([&](auto& c) { return db::rooms_of(c, owner.id); }).size(), 1u) << "the join adds no rows";

  EXPECT_TRUE(with([&](auto& c) { return db::delete_presentation(c, room.id); }));
  EXPECT_FALSE(with([&](auto& c) { return db::delete_presentation(c, room.id); }));
  with([&](auto& c) { db::put_presentation(c, room.id, first, owner.id); return 0; });
  with([&](auto& c) { db::delete_room(c, room.id); return 0; });
  EXPECT_FALSE(with([&](auto& c) { return db::presentation_of(c, room.id); })) << "gone with its room";
}

INSTANTIATE_TEST_SUITE_P(Backends, PortalStoreTest, ::testing::Values(bluemeet::testing::Backend::sqlite, bluemeet::testing::Backend::postgres),
                         bluemeet::testing::backend_name);
