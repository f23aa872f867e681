// What the gateway knows about one server of its pool when it places a
// meeting or routes a join: the operator's settings, the health the poller
// derived, and the counts of the last successful poll. Plain data, copied out
// of the store and the poller so that placement is a pure function of it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/clock.h"

namespace bluemeet::gateway {

// Set by the operator. cordoned: no new meetings, its meetings go on;
// disabled: no traffic at all, its meetings fail over.
enum class AdminState { enabled, cordoned, disabled };

// Derived by the poller with hysteresis (see health.h). unstable: no new
// meetings, joins still go there; offline: its meetings fail over.
enum class Health { online, unstable, offline };

struct ServerSnapshot {
  std::int64_t id = 0;
  std::vector<std::string> tags;  // exact, case-sensitive names; empty = untagged
  double multiplier = 1.0;        // > 1 for a weaker server: its load counts more
  int capacity = 0;               // participants; 0 = unlimited
  AdminState admin = AdminState::enabled;
  Health health = Health::offline;
  // From the last successful poll (zeros before the first one).
  int meetings = 0;
  int participants = 0;
  int video = 0;  // webcam streams
  int voice = 0;  // participants in the audio conference
  util::Millis polled_at = 0;  // when that poll's request was sent
};

}  // namespace bluemeet::gateway
