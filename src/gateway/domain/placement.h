// Which server gets a new meeting, and which servers may still take joins.
// Pure: the pool, the pending load and the random source are parameters, so
// placement quality is tested by simulation (tests/unit/placement_test.cc).
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/domain/load.h"
#include "gateway/domain/server_state.h"
#include "util/clock.h"

namespace bluemeet::gateway {

using Rng = std::mt19937_64;

// Scalelite's meta_server-tag, parsed: "T" prefers servers tagged T, "T!"
// requires one, "a;b" accepts either, "none" names the untagged servers.
struct ServerTag {
  std::string tag;  // alternatives joined by ';', blanks and empty ones removed; empty = no tag
  bool required = false;
};
// A lone "!" or only separators is no tag at all (nothing left to require).
ServerTag parse_server_tag(std::string_view meta);
// The alternatives of ServerTag::tag.
std::vector<std::string_view> tag_alternatives(std::string_view tag);

struct PlacementRequest {
  std::string tag;            // as ServerTag::tag
  bool tag_required = false;  // no fallback: fail with serverTagUnavailable
  bool test_only = false;     // the tenant is in `testing`: only servers tagged "test"
  int expected_size = 15;     // participants to fit under capacity (expected_meeting_size)
};

// Named as the BBB messageKeys they become.
enum class PlacementError { noServer, serverTagUnavailable };
std::string_view placement_error_key(PlacementError e);

inline constexpr std::string_view kTestTag = "test";

// The server for a new meeting, by these rules in order:
//  1. only enabled and online servers (cordoned, disabled, unstable and
//     offline ones get no new meetings);
//  2. with capacity > 0, only servers whose expected participants plus
//     request.expected_size fit in it;
//  3. test_only: only servers tagged "test" — that is the tenant's whole
//     pool, in which the "test" tag itself then counts as no tag;
//  4. tags, as Scalelite: servers carrying one of the alternatives ("none":
//     untagged servers); if there are none, serverTagUnavailable when the
//     tag is required, else the untagged servers. Without a tag, only
//     untagged servers: a tag reserves a server for the requests naming it;
//  5. the least effective_load; loads within a hair of each other are a tie,
//     broken uniformly at random so that equal servers share a burst.
// noServer when nothing is left. The caller then reserves the load on the
// chosen server (Reservations::reserve) before placing the next meeting.
std::variant<std::int64_t, PlacementError> choose_server(std::span<const ServerSnapshot> servers,
                                                         const PlacementRequest& request,
                                                         const Reservations& reservations, util::Millis now,
                                                         Rng& rng, const LoadModel& model = {});

// Joins into a meeting already on this server may go there: also when it is
// cordoned (its meetings go on) or unstable (one failed poll proves little),
// not when it is disabled or offline.
bool accepts_joins(const ServerSnapshot& server);
// The server's meetings must move: the next create or join of one places it again.
bool needs_failover(const ServerSnapshot& server);

}  // namespace bluemeet::gateway
