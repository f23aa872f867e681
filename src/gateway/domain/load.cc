#include "gateway/domain/load.h"

#include <algorithm>

namespace bluemeet::gateway {

int expected_meeting_size(std::string_view size_hint, const ReservationPolicy& policy) {
  bool digits = !size_hint.empty() &&
                std::all_of(size_hint.begin(), size_hint.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return policy.default_size;
  while (size_hint.size() > 1 && size_hint.front() == '0') size_hint.remove_prefix(1);
  if (size_hint.size() > 9) return policy.max_size;  // saturate rather than overflow
  int n = 0;
  for (char c : size_hint) n = n * 10 + (c - '0');
  if (n <= 0) return policy.default_size;
  return std::min(n, policy.max_size);
}

double Reservations::faded(const Reservation& r, util::Millis now) const {
  util::Millis age = std::max<util::Millis>(0, now - r.at);
  if (policy_.window <= 0 || age >= policy_.window) return 0;
  return r.size * (1.0 - static_cast<double>(age) / static_cast<double>(policy_.window));
}

// Faded reservations go; joins into them still wait for a poll, as plain joins.
void Reservations::expire(ServerPending& s, util::Millis now) {
  auto gone = [&](Reservation& r) {
    if (now - r.at < policy_.window) return false;
    s.joins.insert(s.joins.end(), r.joins.begin(), r.joins.end());
    return true;
  };
  std::erase_if(s.reservations, gone);
}

void Reservations::reserve(std::int64_t server, std::string_view meeting, int size, util::Millis now) {
  release(server, meeting);
  auto& s = servers_[server];
  expire(s, now);
  s.reservations.push_back(Reservation{std::string(meeting), std::max(size, 0), now, false, 0, {}});
}

void Reservations::join(std::int64_t server, std::string_view meeting, util::Millis now) {
  auto& s = servers_[server];
  expire(s, now);
  for (auto& r : s.reservations) {
    if (r.meeting == meeting) {
      r.joins.push_back(now);
      return;
    }
  }
  s.joins.push_back(now);
}

void Reservations::polled(std::int64_t server, std::span<const PolledMeeting> meetings, util::Millis polled_at) {
  auto it = servers_.find(server);
  if (it == servers_.end()) return;
  auto& s = it->second;
  auto counted = [&](util::Millis t) { return t < polled_at; };
  std::erase_if(s.joins, counted);
  std::vector<util::Millis> orphans;  // joins the poll cannot have seen, into dropped reservations
  auto judged = [&](Reservation& r) {
    std::erase_if(r.joins, counted);
    if (r.at >= polled_at) return false;  // created after the request left: the poll says nothing about it
    auto m = std::find_if(meetings.begin(), meetings.end(), [&](const PolledMeeting& p) { return p.id == r.meeting; });
    if (m != meetings.end() && m->participants < faded(r, polled_at)) {
      r.reported = true;
      r.reported_participants = std::max(m->participants, 0);
      return false;
    }
    orphans.insert(orphans.end(), r.joins.begin(), r.joins.end());
    return true;
  };
  std::erase_if(s.reservations, judged);
  s.joins.insert(s.joins.end(), orphans.begin(), orphans.end());
  expire(s, polled_at);
  if (s.reservations.empty() && s.joins.empty()) servers_.erase(it);
}

void Reservations::release(std::int64_t server, std::string_view meeting) {
  auto it = servers_.find(server);
  if (it == servers_.end()) return;
  auto& s = it->second;
  std::erase_if(s.reservations, [&](const Reservation& r) { return r.meeting == meeting; });
  if (s.reservations.empty() && s.joins.empty()) servers_.erase(it);
}

void Reservations::forget_server(std::int64_t server) { servers_.erase(server); }

Reservations::Pending Reservations::pending(std::int64_t server, util::Millis now) const {
  Pending p;
  auto it = servers_.find(server);
  if (it == servers_.end()) return p;
  const auto& s = it->second;
  p.participants = static_cast<double>(s.joins.size());
  for (const auto& r : s.reservations) {
    bool live = now - r.at < policy_.window;
    // The meeting is expected to hold the larger of the guess and the evidence
    // (polled participants plus joins since); the poll's share is already in
    // the server's counts.
    double guess = faded(r, now) - r.reported_participants;
    p.participants += std::max(guess, static_cast<double>(r.joins.size()));
    if (live && !r.reported) ++p.meetings;
  }
  return p;
}

std::size_t Reservations::size() const {
  std::size_t n = 0;
  for (const auto& [id, s] : servers_) n += s.reservations.size();
  return n;
}

double effective_load(const ServerSnapshot& server, const Reservations& reservations, util::Millis now,
                      const LoadModel& model) {
  auto pending = reservations.pending(server.id, now);
  double work = model.per_participant * (server.participants + pending.participants) +
                model.per_meeting * (server.meetings + pending.meetings) + model.per_video * server.video +
                model.per_voice * server.voice;
  return server.multiplier * work;
}

double expected_participants(const ServerSnapshot& server, const Reservations& reservations, util::Millis now) {
  return server.participants + reservations.pending(server.id, now).participants;
}

}  // namespace bluemeet::gateway
