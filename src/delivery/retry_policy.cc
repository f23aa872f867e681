#include "delivery/retry_policy.h"

namespace bluemeet::delivery {

bool RetryPolicy::finished(int status) const {
  if (status >= 200 && status < 300) return true;
  if (accept_401 && status == 401) return true;
  if (final_404_410 && (status == 404 || status == 410)) return true;
  return false;
}

std::optional<util::Millis> RetryPolicy::next_attempt(int attempts, util::Millis now) const {
  if (attempts <= 0) return now;
  auto i = static_cast<std::size_t>(attempts - 1);
  if (i >= delays.size()) return std::nullopt;
  return now + delays[i];
}

RetryPolicy RetryPolicy::webhook() { return RetryPolicy{{1000, 2000, 5000, 10000, 30000}, true, false}; }

RetryPolicy RetryPolicy::callback() {
  return RetryPolicy{{5000, 15000, 60000, 300000, 900000, 3600000, 3 * 3600000, 6 * 3600000, 12 * 3600000}, false, true};
}

const RetryPolicy& RetryPolicy::for_kind(std::string_view kind) {
  static const RetryPolicy hook = webhook();
  static const RetryPolicy cb = callback();
  return kind == "webhook" ? hook : cb;
}

}  // namespace bluemeet::delivery
