#include "gateway/domain/placement.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace bluemeet::gateway {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool has_tag(const ServerSnapshot& s, std::string_view tag) {
  return std::find(s.tags.begin(), s.tags.end(), tag) != s.tags.end();
}

// Untagged, ignoring `ignored` (the "test" tag inside a testing tenant's pool).
bool untagged(const ServerSnapshot& s, std::string_view ignored) {
  return std::all_of(s.tags.begin(), s.tags.end(), [&](const std::string& t) { return t == ignored; });
}

// Floating-point sums of the same counts differ in the last bits; such loads are equal.
bool tied(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

std::vector<std::string_view> tag_alternatives(std::string_view tag) {
  std::vector<std::string_view> out;
  while (true) {
    auto semi = tag.find(';');
    auto part = trim(tag.substr(0, semi));
    if (!part.empty()) out.push_back(part);
    if (semi == std::string_view::npos) break;
    tag.remove_prefix(semi + 1);
  }
  return out;
}

ServerTag parse_server_tag(std::string_view meta) {
  ServerTag out;
  meta = trim(meta);
  if (!meta.empty() && meta.back() == '!') {
    out.required = true;
    meta.remove_suffix(1);
  }
  for (auto alt : tag_alternatives(meta)) {
    if (!out.tag.empty()) out.tag += ';';
    out.tag += alt;
  }
  if (out.tag.empty()) out.required = false;
  return out;
}

std::string_view placement_error_key(PlacementError e) {
  switch (e) {
    case PlacementError::noServer: return "noServer";
    case PlacementError::serverTagUnavailable: return "serverTagUnavailable";
  }
  return "noServer";
}

std::variant<std::int64_t, PlacementError> choose_server(std::span<const ServerSnapshot> servers,
                                                         const PlacementRequest& request,
                                                         const Reservations& reservations, util::Millis now,
                                                         Rng& rng, const LoadModel& model) {
  // Rules 1–3: who may take a new meeting at all.
  std::vector<const ServerSnapshot*> pool;
  for (const auto& s : servers) {
    if (s.admin != AdminState::enabled || s.health != Health::online) continue;
    if (request.test_only && !has_tag(s, kTestTag)) continue;
    if (s.capacity > 0 && expected_participants(s, reservations, now) + request.expected_size > s.capacity) continue;
    pool.push_back(&s);
  }
  std::string_view ignored = request.test_only ? kTestTag : std::string_view{};

  // Rule 4: tags.
  auto alternatives = tag_alternatives(request.tag);
  auto matches = [&](const ServerSnapshot& s) {
    return std::any_of(alternatives.begin(), alternatives.end(), [&](std::string_view t) {
      return t == "none" ? untagged(s, ignored) : has_tag(s, t);
    });
  };
  std::vector<const ServerSnapshot*> candidates;
  if (!alternatives.empty()) std::copy_if(pool.begin(), pool.end(), std::back_inserter(candidates),
                                          [&](const ServerSnapshot* s) { return matches(*s); });
  if (candidates.empty()) {
    if (!alternatives.empty() && request.tag_required) return PlacementError::serverTagUnavailable;
    std::copy_if(pool.begin(), pool.end(), std::back_inserter(candidates),
                 [&](const ServerSnapshot* s) { return untagged(*s, ignored); });
  }
  if (candidates.empty()) return PlacementError::noServer;

  // Rule 5: least load, ties at random.
  std::vector<double> loads;
  loads.reserve(candidates.size());
  for (const auto* s : candidates) loads.push_back(effective_load(*s, reservations, now, model));
  double least = *std::min_element(loads.begin(), loads.end());
  std::vector<std::int64_t> best;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (tied(loads[i], least)) best.push_back(candidates[i]->id);
  if (best.size() == 1) return best.front();
  std::uniform_int_distribution<std::size_t> pick(0, best.size() - 1);
  return best[pick(rng)];
}

bool accepts_joins(const ServerSnapshot& server) {
  return server.admin != AdminState::disabled && server.health != Health::offline;
}

bool needs_failover(const ServerSnapshot& server) {
  return server.admin == AdminState::disabled || server.health == Health::offline;
}

}  // namespace bluemeet::gateway
