#include <gtest/gtest.h>

#include <vector>

#include "gateway/domain/load.h"

using namespace bluemeet::gateway;

namespace {

constexpr bluemeet::util::Millis kMinute = 60'000;

ServerSnapshot server(std::int64_t id, double multiplier = 1.0) {
  ServerSnapshot s;
  s.id = id;
  s.multiplier = multiplier;
  s.health = Health::online;
  return s;
}

}  // namespace

TEST(MeetingSize, HintIsBoundedAndDefaults) {
  EXPECT_EQ(expected_meeting_size(""), 15);
  EXPECT_EQ(expected_meeting_size("40"), 40);
  EXPECT_EQ(expected_meeting_size("1"), 1);
  EXPECT_EQ(expected_meeting_size("0"), 15);
  EXPECT_EQ(expected_meeting_size("-5"), 15);
  EXPECT_EQ(expected_meeting_size("12a"), 15);
  EXPECT_EQ(expected_meeting_size("500"), 100);
  EXPECT_EQ(expected_meeting_size("99999999999999999999"), 100);
  EXPECT_EQ(expected_meeting_size("007"), 7);
}

TEST(Load, FormulaWeighsParticipantsMeetingsVideoVoice) {
  auto s = server(1);
  s.participants = 20;
  s.meetings = 2;
  s.video = 4;
  s.voice = 8;
  Reservations none;
  EXPECT_DOUBLE_EQ(effective_load(s, none, 0), 20 + 5 * 2 + 0.5 * 4 + 0.25 * 8);
  LoadModel meetings_only{0, 1, 0, 0};
  EXPECT_DOUBLE_EQ(effective_load(s, none, 0, meetings_only), 2);
}

TEST(Load, MultiplierScales) {
  auto a = server(1), b = server(2, 1.5);
  a.participants = b.participants = 30;
  a.meetings = b.meetings = 3;
  Reservations r;
  r.reserve(1, "m1", 10, 0);
  r.reserve(2, "m2", 10, 0);
  EXPECT_DOUBLE_EQ(effective_load(b, r, 0), 1.5 * effective_load(a, r, 0));
  EXPECT_DOUBLE_EQ(effective_load(a, r, 0), 30 + 10 + 5 * 4);
}

TEST(Reservations, DecayLinearlyAndVanishAfterWindow) {
  Reservations r;  // 15 minutes
  r.reserve(1, "m1", 20, 0);
  EXPECT_DOUBLE_EQ(r.pending(1, 0).participants, 20);
  EXPECT_EQ(r.pending(1, 0).meetings, 1);
  EXPECT_DOUBLE_EQ(r.pending(1, 5 * kMinute).participants, 20 * 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.pending(1, 7 * kMinute + 30'000).participants, 10);
  EXPECT_NEAR(r.pending(1, 15 * kMinute - 1).participants, 0, 1e-3);
  EXPECT_DOUBLE_EQ(r.pending(1, 15 * kMinute).participants, 0);
  EXPECT_EQ(r.pending(1, 15 * kMinute).meetings, 0);
  EXPECT_DOUBLE_EQ(r.pending(1, 60 * kMinute).participants, 0);
  // Other servers are untouched; faded reservations are dropped at the next change.
  EXPECT_DOUBLE_EQ(r.pending(2, 0).participants, 0);
  r.reserve(1, "m2", 5, 16 * kMinute);
  EXPECT_EQ(r.size(), 1u);
}

TEST(Reservations, PollEvidenceReplacesTheReservation) {
  Reservations r;
  r.reserve(1, "full", 15, 0);
  r.reserve(1, "filling", 15, 0);
  r.reserve(1, "empty", 15, 0);
  r.reserve(1, "failed", 15, 0);
  r.reserve(1, "late", 15, 2000);  // created after the poll request left
  std::vector<PolledMeeting> seen{{"full", 20}, {"filling", 3}, {"empty", 0}, {"other", 40}};
  r.polled(1, seen, 1000);
  // full: the poll's 20 participants beat the guess, which is gone. failed:
  // not on the server. filling and empty: their meeting weight and people
  // are in the poll's counts now, the rest of the guess stays. late: untouched.
  EXPECT_EQ(r.size(), 3u);
  double fade = 1 - 2000.0 / (15 * kMinute);
  EXPECT_DOUBLE_EQ(r.pending(1, 2000).participants, (15 * fade - 3) + 15 * fade + 15);
  EXPECT_EQ(r.pending(1, 2000).meetings, 1);
  // The next poll finds them full; "late" has a first participant.
  std::vector<PolledMeeting> later{{"full", 20}, {"filling", 15}, {"empty", 16}, {"late", 1}};
  r.polled(1, later, 3000);
  EXPECT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r.pending(1, 3000).participants, 15 * (1 - 1000.0 / (15 * kMinute)) - 1);
  EXPECT_EQ(r.pending(1, 3000).meetings, 0);
  // As the guess fades, the evidence takes over entirely.
  std::vector<PolledMeeting> settled{{"late", 2}};
  r.polled(1, settled, 14 * kMinute);
  EXPECT_EQ(r.size(), 0u);
  EXPECT_DOUBLE_EQ(r.pending(1, 14 * kMinute).participants, 0);
}

TEST(Reservations, JoinsCountUntilTheNextPoll) {
  Reservations r;
  for (int i = 0; i < 4; ++i) r.join(1, "running", 1000 + i);
  EXPECT_DOUBLE_EQ(r.pending(1, 2000).participants, 4);
  // A poll sent before the last two joins counted only the first two.
  std::vector<PolledMeeting> seen{{"running", 2}};
  r.polled(1, seen, 1002);
  EXPECT_DOUBLE_EQ(r.pending(1, 2000).participants, 2);
  r.polled(1, seen, 5000);
  EXPECT_DOUBLE_EQ(r.pending(1, 5000).participants, 0);
}

TEST(Reservations, JoinsFillTheReservationInsteadOfAddingToIt) {
  Reservations r;
  r.reserve(1, "m", 3, 0);
  r.join(1, "m", 10);
  r.join(1, "m", 20);
  EXPECT_DOUBLE_EQ(r.pending(1, 20).participants, 3 * (1 - 20.0 / (15 * kMinute)));
  r.join(1, "m", 30);
  r.join(1, "m", 40);
  r.join(1, "m", 50);
  EXPECT_DOUBLE_EQ(r.pending(1, 50).participants, 5);
  // Joins outlive their faded reservation until a poll counts them.
  EXPECT_DOUBLE_EQ(r.pending(1, 20 * kMinute).participants, 5);
  EXPECT_EQ(r.pending(1, 20 * kMinute).meetings, 0);
  r.reserve(1, "n", 1, 20 * kMinute);  // expires "m", keeping its joins
  EXPECT_DOUBLE_EQ(r.pending(1, 20 * kMinute).participants, 6);
  // A poll that lists the meeting with participants ends the reservation; the
  // joins sent after the poll left still count.
  r.join(1, "n", 20 * kMinute + 5);
  std::vector<PolledMeeting> seen{{"m", 5}, {"n", 1}};
  r.polled(1, seen, 20 * kMinute + 1);
  EXPECT_DOUBLE_EQ(r.pending(1, 20 * kMinute + 5).participants, 1);
}

TEST(Reservations, ReleaseAndForgetDropPendingLoad) {
  Reservations r;
  r.reserve(1, "a", 15, 0);
  r.reserve(1, "b", 15, 0);
  r.reserve(1, "a", 20, 0);  // a repeated create replaces, does not add
  EXPECT_DOUBLE_EQ(r.pending(1, 0).participants, 35);
  r.release(1, "a");
  EXPECT_DOUBLE_EQ(r.pending(1, 0).participants, 15);
  r.join(1, "x", 0);
  r.forget_server(1);
  EXPECT_DOUBLE_EQ(r.pending(1, 0).participants, 0);
  EXPECT_EQ(r.size(), 0u);
}
