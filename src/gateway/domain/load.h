// How loaded a server is, in one number placement can compare: the counts of
// its last poll plus what the gateway itself sent there since (creates not
// yet visible, joins not yet counted). Pure: time is a parameter.
//
//   load = multiplier × ( per_participant × (participants + pending participants)
//                       + per_meeting     × (meetings + pending meetings)
//                       + per_video × video + per_voice × voice )
//
// Pending participants are the Reservations below. Without them a burst of
// creates between two polls lands on the one server that looked emptiest
// (scalelite#1048): each create must make its server look busier at once.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/domain/server_state.h"
#include "util/clock.h"

namespace bluemeet::gateway {

// Weights in "participant equivalents". The defaults follow what a BBB server
// spends: every participant costs a client session and media; a meeting has a
// fixed cost of its own (conference bridge, SFU rooms, server-side state)
// worth a few participants, so ten meetings of 2 weigh more than one of 20 —
// but not so much (B3LB uses 30) that the meeting count drowns the people in
// it. Voice and video are small extras on top of the participant: the poll
// gives only server-wide counts, not the per-meeting fan-out that makes video
// expensive, so they nudge rather than dominate.
struct LoadModel {
  double per_participant = 1.0;
  double per_meeting = 5.0;
  double per_video = 0.5;
  double per_voice = 0.25;
};

struct ReservationPolicy {
  // Participants a new meeting is expected to reach when the client gives no
  // hint (Scalelite's LOAD_MIN_USER_COUNT): a meeting is created a moment
  // before its people arrive, so an empty new meeting is not a light one.
  int default_size = 15;
  // Bound on meta_bbb-meeting-size-hint: a client cannot reserve a server.
  int max_size = 100;
  // A reservation fades linearly to nothing over this time; by then the
  // polls have seen whoever came.
  util::Millis window = 15 * 60 * 1000;
};

// The expected size of a meeting from its meta_bbb-meeting-size-hint (empty
// when not given): a positive decimal number, clamped to [1, max_size];
// anything else means default_size.
int expected_meeting_size(std::string_view size_hint, const ReservationPolicy& policy = {});

// One meeting as a poll of its server reported it.
struct PolledMeeting {
  std::string_view id;  // backend meeting ID
  int participants = 0;
};

// Load the gateway sent to servers that their last poll could not show yet.
// Per gateway process and not thread-safe: the I/O layer keeps one on its
// event loop. (Several gateways do not see each other's reservations; each
// one still spreads its own bursts, and the polls reconcile them all.)
class Reservations {
 public:
  explicit Reservations(ReservationPolicy policy = {}) : policy_(policy) {}
  const ReservationPolicy& policy() const { return policy_; }

  // A create of `meeting` was placed on `server`: reserve `size` participants
  // and one meeting there now, fading over the window. A repeated reserve of
  // the same meeting replaces the earlier one.
  void reserve(std::int64_t server, std::string_view meeting, int size, util::Millis now);
  // A join into `meeting` was sent to `server`: one more participant until a
  // poll has counted it. Joins into a reserved meeting fill its reservation
  // first, so they are not counted twice.
  void join(std::int64_t server, std::string_view meeting, util::Millis now);
  // A poll of `server` whose request was sent at `polled_at` succeeded and
  // reported `meetings`. Evidence replaces guesses, but only for what was sent
  // before the poll (a create racing with it may be missing from it):
  //  - a reserved meeting reported with at least as many participants as its
  //    (faded) reservation: dropped, the poll's counts say it all;
  //  - reported with fewer: its meeting weight and those participants are in
  //    the poll's counts now, only the rest stays reserved. (Dropping it at
  //    the first participant would make a class whose first 2 of 40 students
  //    arrived look nearly empty, and the next creates would pile onto it.)
  //  - not reported: it ended or its create failed: dropped;
  //  - joins sent before the poll: dropped, the poll counted them.
  void polled(std::int64_t server, std::span<const PolledMeeting> meetings, util::Millis polled_at);
  // The create failed, or the meeting moved elsewhere (failover).
  void release(std::int64_t server, std::string_view meeting);
  // The server was panicked or removed: nothing pending there any more.
  void forget_server(std::int64_t server);

  struct Pending {
    double participants = 0;  // reservations (faded) and joins not yet polled
    int meetings = 0;         // creates no poll has reported yet
  };
  Pending pending(std::int64_t server, util::Millis now) const;
  // Reservations held (for metrics and tests); faded ones go at the next change.
  std::size_t size() const;

 private:
  struct Reservation {
    std::string meeting;
    int size = 0;
    util::Millis at = 0;
    bool reported = false;               // a poll has listed the meeting
    int reported_participants = 0;       // ... with this many in it
    std::vector<util::Millis> joins;     // joins into it no poll has counted
  };
  struct ServerPending {
    std::vector<Reservation> reservations;
    std::vector<util::Millis> joins;  // into meetings without a reservation
  };
  double faded(const Reservation& r, util::Millis now) const;
  void expire(ServerPending& s, util::Millis now);

  ReservationPolicy policy_;
  std::map<std::int64_t, ServerPending> servers_;
};

// The load of `server` as placement compares it (the formula above).
double effective_load(const ServerSnapshot& server, const Reservations& reservations, util::Millis now,
                      const LoadModel& model = {});
// The participants `server` has or is about to have: what capacity is checked against.
double expected_participants(const ServerSnapshot& server, const Reservations& reservations, util::Millis now);

}  // namespace bluemeet::gateway
