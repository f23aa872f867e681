// A server's health as the poller sees it, with hysteresis so that one lost
// poll neither sends new meetings to a dying server nor fails its meetings
// over, and with a polling schedule that stops a dead server from slowing
// the poller (scalelite#439). Pure: the caller passes the time of each poll.
#pragma once

#include "gateway/domain/server_state.h"
#include "util/clock.h"

namespace bluemeet::gateway {

struct HealthPolicy {
  int failures_to_offline = 3;     // consecutive failed polls; the first makes it unstable
  int successes_to_online = 2;     // consecutive good polls to trust it again
  util::Millis interval = 5'000;   // between polls of a server that answers
  util::Millis timeout = 4'000;    // per poll; under the interval so polls never pile up
  // A server known down is polled with a short timeout, at intervals
  // doubling from `interval` up to `max_backoff`, so a dead pool costs little.
  // Long enough for a healthy server's getMeetings, or a slow one could never recover.
  util::Millis down_timeout = 2'000;
  util::Millis max_backoff = 60'000;
};

// One per server. Transitions, exactly:
//   online   --1 failure-->                       unstable
//   unstable --failures_to_offline in a row-->     offline
//   unstable, offline --successes_to_online in a row--> online
//   (a tracker that has never seen a failure trusts the first good poll, so
//   a restarted gateway does not wait two intervals for its whole pool)
// Nothing else changes the state: once a server has failed, a success while
// unstable or offline counts towards recovery but does not change it by
// itself, so a flapping server stays out of placement.
class HealthTracker {
 public:
  // A new tracker starts offline and gets meetings from its first good poll
  // (see above). Pass another initial health to resume from a stored one.
  explicit HealthTracker(HealthPolicy policy = {}, Health initial = Health::offline)
      : policy_(policy), health_(initial) {}

  Health health() const { return health_; }
  int consecutive_failures() const { return failures_; }
  int consecutive_successes() const { return successes_; }

  // The outcome of a poll that finished at `now`; returns true when the health changed.
  bool poll_succeeded(util::Millis now);
  bool poll_failed(util::Millis now);

  // Time until the next poll is due (0 = now): `interval` after the last poll
  // while online or unstable; when offline, interval × 2^(polls that failed
  // while it was already offline), capped at max_backoff. One good poll
  // resets the schedule, so recovery is confirmed at the normal pace. A
  // first poll is due at once.
  util::Millis next_poll_delay(util::Millis now) const;
  util::Millis poll_timeout() const;

 private:
  util::Millis backoff() const;

  HealthPolicy policy_;
  Health health_;
  int failures_ = 0;
  int successes_ = 0;
  int down_failures_ = 0;  // failed polls while already offline: the back-off exponent
  bool polled_ = false;
  bool seen_failure_ = false;  // since this tracker was made
  util::Millis last_poll_ = 0;
};

}  // namespace bluemeet::gateway
