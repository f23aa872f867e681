// Internal to src/gateway/store: the transaction every admin change runs in.
#pragma once

#include <type_traits>

#include "gateway/store/schema.h"

namespace bluemeet::gateway::db::detail {

inline Outcome outcome_of(Outcome o) { return o; }
inline Outcome outcome_of(const Added& a) { return a.outcome; }

// Runs f() in a transaction that first bumps config_version (taking its row
// lock, so admin changes queue behind each other), and commits only when f
// reports `done`: a refusal leaves neither its partial writes nor the bump.
template <class F>
auto admin_change(store::Connection& c, F&& f) -> std::invoke_result_t<F&> {
  store::Transaction t(c);
  bump_config_version(c);
  auto result = f();
  if (outcome_of(result) == Outcome::done) t.commit();
  return result;
}

}  // namespace bluemeet::gateway::db::detail
