#include "gateway/domain/health.h"

#include <algorithm>

namespace bluemeet::gateway {

bool HealthTracker::poll_succeeded(util::Millis now) {
  polled_ = true;
  last_poll_ = now;
  failures_ = 0;
  down_failures_ = 0;
  ++successes_;
  // Hysteresis guards against a server seen failing; one never seen failing
  // (a gateway that just started) is trusted at its first good poll.
  if (health_ != Health::online && (successes_ >= policy_.successes_to_online || !seen_failure_)) {
    health_ = Health::online;
    return true;
  }
  return false;
}

bool HealthTracker::poll_failed(util::Millis now) {
  seen_failure_ = true;
  polled_ = true;
  last_poll_ = now;
  successes_ = 0;
  ++failures_;
  Health before = health_;
  if (before == Health::offline) ++down_failures_;
  if (failures_ >= policy_.failures_to_offline) {
    health_ = Health::offline;
  } else if (health_ == Health::online) {
    health_ = Health::unstable;
  }
  return health_ != before;
}

util::Millis HealthTracker::backoff() const {
  if (health_ != Health::offline) return policy_.interval;
  // Doubling stops at the cap, so it never overflows however long the server stays down.
  util::Millis delay = policy_.interval;
  for (int i = 0; i < down_failures_ && delay < policy_.max_backoff; ++i) delay *= 2;
  return std::min(delay, std::max(policy_.max_backoff, policy_.interval));
}

util::Millis HealthTracker::next_poll_delay(util::Millis now) const {
  if (!polled_) return 0;
  return std::max<util::Millis>(0, last_poll_ + backoff() - now);
}

util::Millis HealthTracker::poll_timeout() const {
  return health_ == Health::offline ? policy_.down_timeout : policy_.timeout;
}

}  // namespace bluemeet::gateway
