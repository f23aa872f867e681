// When to try a failed delivery again, and which answers end the attempts.
// Pure, so the schedule is testable without waiting.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "util/clock.h"

namespace bluemeet::delivery {

struct RetryPolicy {
  std::vector<util::Millis> delays;  // after attempt 1, 2, ...; attempts stop when exhausted
  bool accept_401 = false;           // bbb-webhooks counts 401 as delivered
  bool final_404_410 = false;        // recording-ready: the receiver forgot the meeting

  // True when this HTTP status ends the delivery (success, or a final refusal).
  bool finished(int status) const;
  // The time of the next attempt after `attempts` failed ones, or nullopt: give up.
  std::optional<util::Millis> next_attempt(int attempts, util::Millis now) const;

  static RetryPolicy webhook();   // 1 s, 2 s, 5 s, 10 s, 30 s (bbb-webhooks)
  static RetryPolicy callback();  // up to a day, for end/analytics/recording-ready callbacks
  static const RetryPolicy& for_kind(std::string_view kind);
};

}  // namespace bluemeet::delivery
