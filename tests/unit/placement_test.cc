#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "gateway/domain/placement.h"

using namespace bluemeet::gateway;
using bluemeet::util::Millis;

namespace {

ServerSnapshot server(std::int64_t id, std::vector<std::string> tags = {}) {
  ServerSnapshot s;
  s.id = id;
  s.tags = std::move(tags);
  s.health = Health::online;
  return s;
}

PlacementRequest request(std::string_view meta_tag = "", bool test_only = false) {
  auto tag = parse_server_tag(meta_tag);
  return PlacementRequest{tag.tag, tag.required, test_only, 15};
}

std::int64_t placed(const std::variant<std::int64_t, PlacementError>& r) {
  if (const auto* e = std::get_if<PlacementError>(&r)) {
    ADD_FAILURE() << "placement failed: " << placement_error_key(*e);
    return -1;
  }
  return std::get<std::int64_t>(r);
}

PlacementError error_of(const std::variant<std::int64_t, PlacementError>& r) {
  if (const auto* id = std::get_if<std::int64_t>(&r)) {
    ADD_FAILURE() << "placed on " << *id << " instead of failing";
    return PlacementError::noServer;
  }
  return std::get<PlacementError>(r);
}

// Places `n` meetings one after another at the same instant, reserving each,
// as the gateway does in a burst between two polls; counts them per server.
std::map<std::int64_t, int> burst(const std::vector<ServerSnapshot>& pool, int n, Rng& rng) {
  Reservations reservations;
  std::map<std::int64_t, int> count;
  for (int i = 0; i < n; ++i) {
    auto id = placed(choose_server(pool, request(), reservations, 0, rng));
    reservations.reserve(id, "m" + std::to_string(i), 15, 0);
    ++count[id];
  }
  return count;
}

}  // namespace

TEST(ServerTag, ScaleliteSyntax) {
  auto plain = parse_server_tag("gpu");
  EXPECT_EQ(plain.tag, "gpu");
  EXPECT_FALSE(plain.required);
  auto required = parse_server_tag("gpu!");
  EXPECT_EQ(required.tag, "gpu");
  EXPECT_TRUE(required.required);
  auto alternatives = parse_server_tag(" a; b;;none !");
  EXPECT_EQ(alternatives.tag, "a;b;none");
  EXPECT_TRUE(alternatives.required);
  EXPECT_EQ(tag_alternatives(alternatives.tag), (std::vector<std::string_view>{"a", "b", "none"}));
  EXPECT_EQ(parse_server_tag("").tag, "");
  auto bang = parse_server_tag("!");
  EXPECT_EQ(bang.tag, "");
  EXPECT_FALSE(bang.required);
  EXPECT_FALSE(parse_server_tag(";;").required);
  EXPECT_TRUE(tag_alternatives("").empty());
}

TEST(Placement, OptionalTagPrefersTaggedThenFallsBackToUntagged) {
  std::vector<ServerSnapshot> pool{server(1), server(2, {"gpu"}), server(3, {"eu"})};
  Reservations none;
  Rng rng(1);
  EXPECT_EQ(placed(choose_server(pool, request("gpu"), none, 0, rng)), 2);
  EXPECT_EQ(placed(choose_server(pool, request("x;eu"), none, 0, rng)), 3);
  EXPECT_EQ(placed(choose_server(pool, request("missing"), none, 0, rng)), 1);
  // Without a tag, tagged servers are kept for the requests that name them.
  EXPECT_EQ(placed(choose_server(pool, request(), none, 0, rng)), 1);
  EXPECT_EQ(placed(choose_server(pool, request("none"), none, 0, rng)), 1);
  // Tagged servers are preferred even when busier.
  pool[1].participants = 150;
  EXPECT_EQ(placed(choose_server(pool, request("gpu"), none, 0, rng)), 2);
  // "gpu;none": either kind, the least loaded wins.
  EXPECT_EQ(placed(choose_server(pool, request("gpu;none"), none, 0, rng)), 1);
}

TEST(Placement, RequiredTagMissingIsServerTagUnavailable) {
  std::vector<ServerSnapshot> pool{server(1), server(2, {"gpu"})};
  Reservations none;
  Rng rng(1);
  EXPECT_EQ(error_of(choose_server(pool, request("eu!"), none, 0, rng)), PlacementError::serverTagUnavailable);
  EXPECT_EQ(placed(choose_server(pool, request("gpu!"), none, 0, rng)), 2);
  // A tagged server that cannot take meetings is as good as missing.
  pool[1].admin = AdminState::cordoned;
  EXPECT_EQ(error_of(choose_server(pool, request("gpu!"), none, 0, rng)), PlacementError::serverTagUnavailable);
  EXPECT_EQ(placed(choose_server(pool, request("gpu"), none, 0, rng)), 1);
  EXPECT_EQ(placement_error_key(PlacementError::serverTagUnavailable), "serverTagUnavailable");
}

TEST(Placement, OnlyEnabledOnlineServersGetNewMeetings) {
  std::vector<ServerSnapshot> pool{server(1), server(2), server(3), server(4), server(5)};
  pool[0].admin = AdminState::cordoned;
  pool[1].admin = AdminState::disabled;
  pool[2].health = Health::offline;
  pool[3].health = Health::unstable;
  pool[4].participants = 1000;  // the busiest, and the only one allowed
  Reservations none;
  Rng rng(7);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(placed(choose_server(pool, request(), none, 0, rng)), 5);
  pool[4].health = Health::unstable;
  EXPECT_EQ(error_of(choose_server(pool, request(), none, 0, rng)), PlacementError::noServer);
  EXPECT_EQ(error_of(choose_server({}, request(), none, 0, rng)), PlacementError::noServer);
  EXPECT_EQ(placement_error_key(PlacementError::noServer), "noServer");
}

TEST(Placement, CapacityIsRespected) {
  std::vector<ServerSnapshot> pool{server(1), server(2)};
  pool[0].capacity = 100;
  pool[0].participants = 10;  // least loaded, but...
  pool[1].participants = 500;  // unlimited
  Reservations reservations;
  Rng rng(3);
  auto req = request();
  req.expected_size = 91;
  EXPECT_EQ(placed(choose_server(pool, req, reservations, 0, rng)), 2);  // 10 + 91 > 100
  req.expected_size = 90;
  EXPECT_EQ(placed(choose_server(pool, req, reservations, 0, rng)), 1);  // exactly full is fine
  // Reservations and unpolled joins count against capacity too: 10 + 60 + 1.
  reservations.reserve(1, "m", 60, 0);
  reservations.join(1, "other", 0);
  req.expected_size = 29;
  EXPECT_EQ(placed(choose_server(pool, req, reservations, 0, rng)), 1);
  req.expected_size = 30;
  EXPECT_EQ(placed(choose_server(pool, req, reservations, 0, rng)), 2);
  pool[1].capacity = 530;
  EXPECT_EQ(placed(choose_server(pool, req, reservations, 0, rng)), 2);
  pool[1].capacity = 529;
  EXPECT_EQ(error_of(choose_server(pool, req, reservations, 0, rng)), PlacementError::noServer);
}

TEST(Placement, TestingTenantsOnlyOnTestServers) {
  std::vector<ServerSnapshot> pool{server(1), server(2, {"test"}), server(3, {"test", "gpu"})};
  pool[1].participants = 100;  // the untagged server is far emptier
  pool[2].participants = 50;
  Reservations none;
  Rng rng(5);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(placed(choose_server(pool, request("", true), none, 0, rng)), 2);
  // Tags work inside the test pool, where "test" itself counts as no tag.
  EXPECT_EQ(placed(choose_server(pool, request("gpu!", true), none, 0, rng)), 3);
  EXPECT_EQ(placed(choose_server(pool, request("test!", true), none, 0, rng)), 3);
  EXPECT_EQ(error_of(choose_server(pool, request("eu!", true), none, 0, rng)), PlacementError::serverTagUnavailable);
  // Active tenants never land on test servers by default.
  pool[0].participants = 1000;
  EXPECT_EQ(placed(choose_server(pool, request(), none, 0, rng)), 1);
  pool[1].health = Health::offline;
  pool[2].health = Health::offline;
  EXPECT_EQ(error_of(choose_server(pool, request("", true), none, 0, rng)), PlacementError::noServer);
}

TEST(Placement, TiesAreBrokenAtRandom) {
  std::vector<ServerSnapshot> pool{server(1), server(2), server(3), server(4)};
  pool[3].participants = 1;  // not tied
  Reservations none;
  Rng rng(42);
  std::map<std::int64_t, int> count;
  for (int i = 0; i < 3000; ++i) ++count[placed(choose_server(pool, request(), none, 0, rng))];
  EXPECT_EQ(count.count(4), 0u);
  for (std::int64_t id : {1, 2, 3}) EXPECT_NEAR(count[id], 1000, 120) << "server " << id;
  // Loads that differ only by rounding are a tie too.
  pool[0].multiplier = 0.1 + 0.2;
  pool[1].multiplier = 0.3;
  pool[0].participants = pool[1].participants = pool[2].participants = 10;
  pool[2].multiplier = 0.3;
  pool[3].participants = 100;
  count.clear();
  for (int i = 0; i < 300; ++i) ++count[placed(choose_server(pool, request(), none, 0, rng))];
  EXPECT_GT(count[1], 50);
  EXPECT_GT(count[2], 50);
  EXPECT_GT(count[3], 50);
}

TEST(Placement, BurstBetweenPollsSpreadsEvenly) {
  std::vector<ServerSnapshot> pool{server(1), server(2), server(3)};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Rng rng(seed);
    auto count = burst(pool, 30, rng);
    for (std::int64_t id : {1, 2, 3}) EXPECT_NEAR(count[id], 10, 1) << "server " << id << " seed " << seed;
  }
}

TEST(Placement, UnevenPoolGetsMeetingsInProportion) {
  // Server 3 is half as strong (multiplier 2), server 4 a third stronger.
  std::vector<ServerSnapshot> pool{server(1), server(2), server(3), server(4)};
  pool[2].multiplier = 2.0;
  pool[3].multiplier = 0.75;
  Rng rng(9);
  auto count = burst(pool, 115, rng);
  // Equal load: n × multiplier constant → 30 : 30 : 15 : 40.
  EXPECT_NEAR(count[1], 30, 1);
  EXPECT_NEAR(count[2], 30, 1);
  EXPECT_NEAR(count[3], 15, 1);
  EXPECT_NEAR(count[4], 40, 1);
}

TEST(Placement, JoinRoutingAndFailover) {
  auto s = server(1);
  EXPECT_TRUE(accepts_joins(s));
  EXPECT_FALSE(needs_failover(s));
  s.admin = AdminState::cordoned;
  EXPECT_TRUE(accepts_joins(s));
  EXPECT_FALSE(needs_failover(s));
  s.health = Health::unstable;
  EXPECT_TRUE(accepts_joins(s));
  EXPECT_FALSE(needs_failover(s));
  s.health = Health::offline;
  EXPECT_FALSE(accepts_joins(s));
  EXPECT_TRUE(needs_failover(s));
  s.health = Health::online;
  s.admin = AdminState::disabled;
  EXPECT_FALSE(accepts_joins(s));
  EXPECT_TRUE(needs_failover(s));
}

// ---------------------------------------------------------------------------
// A synthetic school day on 20 servers, driven the way the gateway drives
// placement: polls every 10 s report the truth as it was when they were
// sent, creates reserve load at once, joins count until the next poll.
// Classes start together within a minute and a half of each hour (the bursts
// that pile onto one server in Scalelite, scalelite#1048); group work, staff
// meetings and assemblies come in between. Meetings fill over four minutes
// and end all at once; only assemblies send meta_bbb-meeting-size-hint.
namespace {

constexpr Millis kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute;

struct Arrival {
  Millis at = 0;
  Millis duration = 0;
  int size = 0;       // participants it will reach
  bool hint = false;  // the client sent its size as meta_bbb-meeting-size-hint
};

struct Live {
  std::string id;
  std::int64_t server = 0;
  int size = 0;
  int joined = 0;
  Millis created = 0, ends = 0;
};

struct Day {
  int servers = 20;
  int capacity = 400;
  bool reserve = true;  // false: placement sees only the polls, as Scalelite's does
};

struct DayResult {
  int creates = 0;
  int refused = 0;
  int pool_capacity = 0;
  int peak_demand = 0;     // participants in the whole pool at the busiest minute
  int fullest_server = 0;  // most participants any server had at any minute
  // Peak load / mean load: the highest of the servers' daily peak loads over
  // their mean, i.e. how much bigger than an average server the busiest one
  // must be. This is what placement controls.
  double peaks_ratio = 0;
  // Max / mean of the servers' loads at the busiest minutes (demand within
  // 10% of the peak), for information: meetings ending at different times
  // empty some servers, which no placement of new meetings can undo.
  double instant_ratio = 0;
};

std::vector<Arrival> school_day(std::uint64_t seed) {
  Rng rng(seed);
  auto uniform = [&](Millis lo, Millis hi) { return std::uniform_int_distribution<Millis>(lo, hi)(rng); };
  auto arrival = [&](Millis at, Millis duration) {
    int kind = static_cast<int>(uniform(0, 99));
    if (kind < 30) return Arrival{at, duration, static_cast<int>(uniform(3, 12)), false};  // group work
    if (kind < 97) return Arrival{at, duration, static_cast<int>(uniform(15, 30)), false};  // a class
    return Arrival{at, duration, static_cast<int>(uniform(40, 60)), true};                 // an assembly
  };
  std::vector<Arrival> day;
  for (int h = 8; h < 18; ++h) {
    int n = std::poisson_distribution<int>(120)(rng);
    for (int i = 0; i < n; ++i)
      day.push_back(arrival(h * kHour + uniform(-30 * kSecond, kMinute), uniform(45, 90) * kMinute));
  }
  for (Millis t = 7 * kHour; t < 22 * kHour; t += kMinute) {  // busiest around noon
    double hour = static_cast<double>(t) / static_cast<double>(kHour);
    int n = std::poisson_distribution<int>(1.6 * std::max(0.0, 1.0 - std::abs(hour - 13.0) / 7.0))(rng);
    for (int i = 0; i < n; ++i) day.push_back(arrival(t + uniform(0, kMinute - 1), uniform(20, 120) * kMinute));
  }
  std::sort(day.begin(), day.end(), [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
  return day;
}

double max_over_mean(const std::vector<double>& v) {
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  return *std::max_element(v.begin(), v.end()) / mean;
}

DayResult simulate(const Day& day, std::uint64_t seed) {
  const Millis step = 5 * kSecond, poll_every = 10 * kSecond, ramp = 4 * kMinute;
  const LoadModel model;
  std::vector<ServerSnapshot> truth;  // what the servers have now
  for (int i = 0; i < day.servers; ++i) {
    truth.push_back(server(i + 1));
    truth.back().capacity = day.capacity;
  }
  std::vector<ServerSnapshot> polled = truth;  // what placement sees
  Reservations reservations, nothing;
  Rng rng(seed);
  auto arrivals = school_day(seed);
  std::size_t next = 0;
  std::vector<Live> live;
  std::vector<std::vector<double>> loads;  // per minute, per server: true load
  std::vector<int> demand;                 // per minute: participants in the pool
  DayResult out;
  out.pool_capacity = day.servers * day.capacity;

  for (Millis t = 0; t < 24 * kHour; t += step) {
    if (t % poll_every == 0) {
      std::vector<std::vector<PolledMeeting>> seen(truth.size());
      for (const auto& m : live) seen[static_cast<std::size_t>(m.server - 1)].push_back({m.id, m.joined});
      for (const auto& s : truth) {
        polled[s.id - 1] = s;
        polled[s.id - 1].polled_at = t;
        reservations.polled(s.id, seen[static_cast<std::size_t>(s.id - 1)], t);
      }
    }
    std::erase_if(live, [&](const Live& m) {
      if (m.ends > t) return false;
      truth[m.server - 1].participants -= m.joined;
      --truth[m.server - 1].meetings;
      return true;
    });
    for (; next < arrivals.size() && arrivals[next].at <= t; ++next) {
      const auto& a = arrivals[next];
      ++out.creates;
      auto req = request();
      req.expected_size = expected_meeting_size(a.hint ? std::to_string(a.size) : "", reservations.policy());
      auto chosen = choose_server(polled, req, day.reserve ? reservations : nothing, t, rng, model);
      if (!std::holds_alternative<std::int64_t>(chosen)) {
        ++out.refused;
        continue;
      }
      Live m{"m" + std::to_string(out.creates), std::get<std::int64_t>(chosen), a.size, 0, t, t + a.duration};
      reservations.reserve(m.server, m.id, req.expected_size, t);
      ++truth[m.server - 1].meetings;
      live.push_back(std::move(m));
    }
    for (auto& m : live) {
      auto arrived = static_cast<int>(std::min<Millis>(m.size, (m.size * (t - m.created) + ramp - 1) / ramp));
      for (; m.joined < arrived; ++m.joined) {
        reservations.join(m.server, m.id, t);
        ++truth[m.server - 1].participants;
      }
    }
    if (t % kMinute == 0) {
      std::vector<double> now;
      int total = 0;
      for (const auto& s : truth) {
        now.push_back(effective_load(s, nothing, t, model));
        total += s.participants;
        out.fullest_server = std::max(out.fullest_server, s.participants);
      }
      loads.push_back(std::move(now));
      demand.push_back(total);
    }
  }

  out.peak_demand = *std::max_element(demand.begin(), demand.end());
  std::vector<double> peaks(static_cast<std::size_t>(day.servers), 0.0);
  for (std::size_t i = 0; i < loads.size(); ++i) {
    for (std::size_t s = 0; s < peaks.size(); ++s) peaks[s] = std::max(peaks[s], loads[i][s]);
    if (10 * demand[i] >= 9 * out.peak_demand) out.instant_ratio = std::max(out.instant_ratio, max_over_mean(loads[i]));
  }
  out.peaks_ratio = max_over_mean(peaks);
  return out;
}

void print(const char* what, const DayResult& r) {
  std::printf("%s: %d creates, %d refused, peak demand %d of %d, fullest server %d, "
              "peak/mean load %.3f (instantaneous at the peak %.3f)\n",
              what, r.creates, r.refused, r.peak_demand, r.pool_capacity, r.fullest_server, r.peaks_ratio,
              r.instant_ratio);
}

}  // namespace

// Ten days, so that the bound is about the placement and not one lucky
// draw. Over seeds 1–30 one day's peak/mean is 1.06–1.18, mean 1.10; were
// every meeting's size known at create, 1.07 on average; without
// reservations (next test), 1.32 on average, and servers go 20–70% over
// capacity. The instantaneous max/mean at the busiest minutes is 1.16–1.30
// (1.11–1.30 even with known sizes): meetings end at different times,
// emptying some servers, and placement can only refill them with new ones.
TEST(PlacementSimulation, SchoolDaysStayBalancedAndUnderCapacity) {
  const Day day;
  double sum = 0;
  const int days = 10;
  for (int seed = 1; seed <= days; ++seed) {
    auto r = simulate(day, static_cast<std::uint64_t>(seed));
    if (seed == 1) print("school day 1", r);
    ASSERT_LT(r.peak_demand, r.pool_capacity * 85 / 100) << "the day must fit the pool for the test to mean anything";
    EXPECT_EQ(r.refused, 0) << "seed " << seed;
    EXPECT_LE(r.fullest_server, day.capacity) << "seed " << seed;
    EXPECT_LT(r.peaks_ratio, 1.25) << "seed " << seed;
    sum += r.peaks_ratio;
  }
  std::printf("peak/mean load over %d days: %.3f on average\n", days, sum / days);
  EXPECT_LT(sum / days, 1.15);
}

// The same day with placement blind between polls piles each hour's burst
// onto a few servers: the simulation above does see what reservations do.
TEST(PlacementSimulation, WithoutReservationsBurstsOverloadServers) {
  Day blind;
  blind.reserve = false;
  auto without = simulate(blind, 1);
  auto with = simulate(Day{}, 1);
  print("school day 1 without reservations", without);
  EXPECT_GT(without.fullest_server, blind.capacity);
  EXPECT_GT(without.peaks_ratio, with.peaks_ratio + 0.1);
}
