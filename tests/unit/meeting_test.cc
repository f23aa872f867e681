#include <gtest/gtest.h>

#include "node_test_util.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;

namespace {

Meeting make(std::string_view query = "meetingID=m1&name=Room&attendeePW=ap&moderatorPW=mp") {
  return Meeting(options(query), "int-1", 1'000'000, "70001");
}

template <class E>
int count(const Events& events) {
  int n = 0;
  for (const auto& e : events) n += std::holds_alternative<E>(e);
  return n;
}

// A copy: the variant a join returns is a temporary.
std::optional<JoinError> error_of(const std::variant<const User*, JoinError>& r) {
  if (const auto* e = std::get_if<JoinError>(&r)) return *e;
  return std::nullopt;
}

}  // namespace

TEST(Meeting, PasswordDecidesRoleAndRoleWins) {
  auto m = make();
  JoinRequest r;
  r.full_name = "A";
  r.password = "mp";
  EXPECT_EQ(std::get<const User*>(m.join(r, "w_1", "t1", "a", 1))->role, Role::moderator);
  r.password = "ap";
  EXPECT_EQ(std::get<const User*>(m.join(r, "w_2", "t2", "a", 1))->role, Role::viewer);
  r.role = Role::moderator;
  EXPECT_EQ(std::get<const User*>(m.join(r, "w_3", "t3", "a", 1))->role, Role::moderator);
}

TEST(Meeting, WrongOrMissingPasswordIsParamsRequiredXml) {
  auto m = make();
  JoinRequest r;
  r.full_name = "A";
  r.password = "nope";
  auto e = error_of(m.join(r, "w_1", "t", "a", 1));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "Params required");
  EXPECT_TRUE(e->xml);
  r.password.reset();
  EXPECT_EQ(error_of(m.join(r, "w_1", "t", "a", 1))->key, "Params required");
}

TEST(Meeting, UserBecomesAttendeeWhenClientConnects) {
  auto m = make();
  m.join(as("Mod", Role::moderator), "w_1", "t", "a", 1);
  EXPECT_EQ(m.participant_count(), 0);
  EXPECT_FALSE(m.running());
  Events ev = m.connect("w_1", 2);
  EXPECT_EQ(count<ev::UserJoined>(ev), 1);
  EXPECT_TRUE(m.running());
  EXPECT_TRUE(m.has_user_joined());
  // The first moderator presents.
  EXPECT_TRUE(m.user("w_1")->presenter);
  // A second tab is the same participant.
  EXPECT_TRUE(m.connect("w_1", 3).empty());
  EXPECT_TRUE(m.disconnect("w_1", 4).empty());
  EXPECT_EQ(count<ev::UserLeft>(m.disconnect("w_1", 5)), 1);
  EXPECT_EQ(m.participant_count(), 0);
  EXPECT_EQ(m.end_time(), 5);
}

TEST(Meeting, MaxParticipantsCountsDistinctUsersAndAllowsRejoin) {
  auto m = make("meetingID=m1&name=Room&maxParticipants=2");
  enter(m, "w_1", as("A", Role::viewer, "ext-a"), 1);
  enter(m, "w_2", as("B", Role::viewer, "ext-b"), 1);
  auto e = error_of(m.join(as("C", Role::viewer, "ext-c"), "w_3", "t3", "a", 2));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "maxParticipantsReached");
  EXPECT_FALSE(error_of(m.join(as("A again", Role::viewer, "ext-a"), "w_4", "t4", "a", 2)));
}

TEST(Meeting, GuestPolicies) {
  auto deny = make("meetingID=m1&name=Room&guestPolicy=ALWAYS_DENY");
  auto g = as("Guest", Role::viewer);
  g.guest = true;
  EXPECT_EQ(error_of(deny.join(g, "w_g", "t", "a", 1))->key, "guestDeniedAccess");

  auto ask = make("meetingID=m1&name=Room&guestPolicy=ASK_MODERATOR");
  enter(ask, "w_m", as("Mod", Role::moderator), 1);
  auto* u = std::get<const User*>(ask.join(g, "w_g", "tg", "a", 1));
  EXPECT_EQ(u->guest_status, GuestStatus::wait);
  Events ev = ask.connect("w_g", 2);
  EXPECT_EQ(count<ev::GuestsChanged>(ev), 1);
  EXPECT_EQ(ask.waiting_guests().size(), 1u);
  EXPECT_EQ(ask.participant_count(), 1);
  ActionError err = ActionError::none;
  // Only moderators decide.
  ask.decide_guest("w_g", "w_g", true, 3, err);
  EXPECT_EQ(err, ActionError::forbidden);
  err = ActionError::none;
  ev = ask.decide_guest("w_m", "w_g", true, 3, err);
  EXPECT_EQ(err, ActionError::none);
  EXPECT_EQ(count<ev::GuestAdmitted>(ev), 1);
  EXPECT_EQ(count<ev::UserJoined>(ev), 1);
  EXPECT_EQ(ask.participant_count(), 2);
}

TEST(Meeting, DeniedGuest) {
  auto ask = make("meetingID=m1&name=Room&guestPolicy=ASK_MODERATOR");
  enter(ask, "w_m", as("Mod", Role::moderator), 1);
  auto g = as("Guest", Role::viewer);
  g.guest = true;
  ask.join(g, "w_g", "tg", "a", 1);
  ask.connect("w_g", 2);
  ActionError err = ActionError::none;
  auto ev = ask.decide_guest("w_m", "w_g", false, 3, err);
  EXPECT_EQ(count<ev::GuestDenied>(ev), 1);
  EXPECT_EQ(ask.user("w_g")->guest_status, GuestStatus::deny);
  EXPECT_TRUE(ask.waiting_guests().empty());
}

TEST(Meeting, ChatRespectsLocksAndLength) {
  auto m = make("meetingID=m1&name=Room&lockSettingsDisablePublicChat=true");
  enter(m, "w_m", as("Mod", Role::moderator), 1);
  enter(m, "w_v", as("View", Role::viewer), 1);
  ActionError err = ActionError::none;
  m.chat("w_v", "hi", 2, err);
  EXPECT_EQ(err, ActionError::locked);
  err = ActionError::none;
  auto ev = m.chat("w_m", "  hello\x01  ", 2, err);
  EXPECT_EQ(err, ActionError::none);
  ASSERT_EQ(count<ev::Chat>(ev), 1);
  EXPECT_EQ(m.chat_history().back().text, "hello");
  m.chat("w_m", std::string(501, 'x'), 2, err);
  EXPECT_EQ(err, ActionError::bad_request);
  // Unlocking lets the viewer speak.
  err = ActionError::none;
  LockSettings open = m.lock();
  open.disable_public_chat = false;
  m.set_lock("w_m", open, err);
  m.chat("w_v", "now I can", 3, err);
  EXPECT_EQ(err, ActionError::none);
}

TEST(Meeting, ModeratorActionsNeedAModerator) {
  auto m = make();
  enter(m, "w_m", as("Mod", Role::moderator), 1);
  enter(m, "w_v", as("View", Role::viewer), 1);
  ActionError err = ActionError::none;
  m.set_presenter("w_v", "w_v", err);
  EXPECT_EQ(err, ActionError::forbidden);
  err = ActionError::none;
  m.set_presenter("w_m", "w_v", err);
  EXPECT_TRUE(m.user("w_v")->presenter);
  EXPECT_FALSE(m.user("w_m")->presenter);
  err = ActionError::none;
  m.remove_user("w_v", "w_m", 2, err);
  EXPECT_EQ(err, ActionError::forbidden);
  err = ActionError::none;
  auto ev = m.remove_user("w_m", "w_v", 2, err);
  EXPECT_EQ(count<ev::UserRemoved>(ev), 1);
  EXPECT_TRUE(m.user("w_v")->removed);
  // A removed user's client cannot come back with the same token.
  EXPECT_TRUE(m.connect("w_v", 3).empty());
  EXPECT_EQ(m.participant_count(), 1);
}

TEST(Meeting, HandsRaisedBySelfLoweredByModerators) {
  auto m = make();
  enter(m, "w_m", as("Mod", Role::moderator), 1);
  enter(m, "w_v", as("View", Role::viewer), 1);
  enter(m, "w_w", as("View2", Role::viewer), 1);
  ActionError err = ActionError::none;
  m.set_hand("w_v", "", true, err);
  EXPECT_TRUE(m.user("w_v")->raised_hand);
  m.set_hand("w_w", "w_v", false, err);
  EXPECT_EQ(err, ActionError::forbidden);
  err = ActionError::none;
  m.set_hand("w_m", "w_v", false, err);
  EXPECT_FALSE(m.user("w_v")->raised_hand);
}

TEST(Meeting, ExpiresWhenNobodyJoins) {
  auto m = make();
  EXPECT_TRUE(m.tick(1'000'000 + 5 * 60'000 - 1).empty());
  auto ev = m.tick(1'000'000 + 5 * 60'000);
  EXPECT_EQ(count<ev::Ended>(ev), 1);
  EXPECT_TRUE(m.ended());
  EXPECT_FALSE(m.forcibly_ended());
}

TEST(Meeting, ExpiresAfterLastUserLeft) {
  auto m = make("meetingID=m1&name=Room&meetingExpireWhenLastUserLeftInMinutes=2");
  enter(m, "w_1", as("A", Role::moderator), 1'000'000);
  m.disconnect("w_1", 1'100'000);
  EXPECT_TRUE(m.tick(1'100'000 + 2 * 60'000 - 1).empty());
  EXPECT_EQ(count<ev::Ended>(m.tick(1'100'000 + 2 * 60'000)), 1);
}

TEST(Meeting, DurationEndsTheMeeting) {
  auto m = make("meetingID=m1&name=Room&duration=1");
  enter(m, "w_1", as("A", Role::moderator), 1'000'000);
  EXPECT_EQ(count<ev::Ended>(m.tick(1'000'000 + 60'000)), 1);
}

TEST(Meeting, EndRecordsAttendanceAndRefusesJoins) {
  auto m = make();
  enter(m, "w_1", as("A", Role::moderator, "ext-a"), 1'000'000);
  ActionError err = ActionError::none;
  auto ev = m.end_by("w_1", 1'060'000, err);
  EXPECT_EQ(count<ev::Ended>(ev), 1);
  EXPECT_TRUE(m.forcibly_ended());
  const auto& a = m.attendance().at("ext-a");
  EXPECT_EQ(a.duration_ms, 60'000);
  EXPECT_EQ(a.joins.size(), 1u);
  EXPECT_EQ(a.leaves.size(), 1u);
  EXPECT_EQ(error_of(m.join(as("B", Role::viewer), "w_2", "t", "a", 2'000'000))->key, "meetingForciblyEnded");
}

TEST(Meeting, AutoStartRecordingMarksTheMeeting) {
  auto m = make("meetingID=m1&name=Room&record=true&autoStartRecording=true");
  EXPECT_FALSE(m.recording());
  enter(m, "w_1", as("A", Role::moderator), 1);
  EXPECT_TRUE(m.recording());
  EXPECT_TRUE(m.recording_marks());
}

TEST(Meeting, ModeratorsStartAndPauseRecordingWhereTheMeetingAllows) {
  auto m = make("meetingID=m1&name=Room&record=true");
  enter(m, "w_1", as("M", Role::moderator), 1);
  enter(m, "w_2", as("V", Role::viewer), 2);
  ActionError err = ActionError::none;
  EXPECT_TRUE(m.set_recording("w_2", true, err).empty());
  EXPECT_EQ(err, ActionError::forbidden);
  EXPECT_FALSE(m.recording_marks());

  err = ActionError::none;
  auto started = m.set_recording("w_1", true, err);
  EXPECT_EQ(err, ActionError::none);
  ASSERT_EQ(count<ev::RecordingChanged>(started), 1);
  EXPECT_EQ(std::get<ev::RecordingChanged>(started[0]).user_id, "w_1");
  EXPECT_TRUE(m.recording());
  EXPECT_TRUE(m.recording_marks());
  EXPECT_TRUE(m.set_recording("w_1", true, err).empty()) << "no change, no event";

  auto paused = m.set_recording("w_1", false, err);
  ASSERT_EQ(count<ev::RecordingChanged>(paused), 1);
  EXPECT_FALSE(std::get<ev::RecordingChanged>(paused[0]).recording);
  EXPECT_FALSE(m.recording());
  EXPECT_TRUE(m.recording_marks()) << "what was recorded stays a recording";
}

TEST(Meeting, RecordingCannotStartWithoutRecordOrWhenStartStopIsDisallowed) {
  for (auto query : {"meetingID=m1&name=Room", "meetingID=m1&name=Room&record=true&allowStartStopRecording=false"}) {
    auto m = make(query);
    enter(m, "w_1", as("M", Role::moderator), 1);
    ActionError err = ActionError::none;
    EXPECT_TRUE(m.set_recording("w_1", true, err).empty()) << query;
    EXPECT_EQ(err, ActionError::forbidden) << query;
    EXPECT_FALSE(m.recording_marks()) << query;
  }
}

TEST(Meeting, AutoStartHappensOnceAPauseIsNotUndoneByTheNextJoin) {
  auto m = make("meetingID=m1&name=Room&record=true&autoStartRecording=true");
  Events first;
  enter(m, "w_1", as("M", Role::moderator), 1, &first);
  EXPECT_EQ(count<ev::RecordingChanged>(first), 1);
  ActionError err = ActionError::none;
  m.set_recording("w_1", false, err);
  enter(m, "w_2", as("V", Role::viewer), 2);
  EXPECT_FALSE(m.recording());
}

TEST(Meeting, PresenterChangesAreEvents) {
  auto m = make();
  Events first;
  enter(m, "w_1", as("M", Role::moderator), 1, &first);
  EXPECT_EQ(count<ev::PresenterAssigned>(first), 1) << "the first moderator presents";
  enter(m, "w_2", as("V", Role::viewer), 2);
  ActionError err = ActionError::none;
  EXPECT_EQ(count<ev::PresenterAssigned>(m.set_presenter("w_1", "w_2", err)), 1);
}
