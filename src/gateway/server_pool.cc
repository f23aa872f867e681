#include "gateway/server_pool.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "util/text.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

struct ServerPool::Entry {
  db::Server config;
  ServerSnapshot snap;
  HealthTracker health;
  asio::steady_timer timer;
  bool removed = false;
  util::Millis last_poll_ms = -1;

  Entry(asio::io_context& io, HealthPolicy p) : health(p, Health::offline), timer(io) {}
};

namespace {

std::vector<std::string> split_tags(const std::string& tags) {
  std::vector<std::string> out;
  std::string_view rest = tags;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto tag = util::trim(rest.substr(0, comma));
    if (!tag.empty()) out.emplace_back(tag);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return out;
}

AdminState admin_state(const std::string& s) {
  if (s == "cordoned") return AdminState::cordoned;
  if (s == "disabled") return AdminState::disabled;
  return AdminState::enabled;
}

}  // namespace

ServerPool::ServerPool(asio::io_context& io, BackendClient& client, HealthPolicy policy)
    : io_(io), client_(client), policy_(policy) {}

ServerPool::~ServerPool() { stop(); }

void ServerPool::stop() {
  stopped_ = true;
  for (auto& [id, e] : entries_) {
    e->removed = true;
    e->timer.cancel();
  }
}

void ServerPool::configure(const std::vector<db::Server>& servers) {
  std::map<std::int64_t, std::shared_ptr<Entry>> next;
  for (const auto& s : servers) {
    auto it = entries_.find(s.id);
    std::shared_ptr<Entry> e;
    bool fresh = it == entries_.end();
    if (fresh) {
      e = std::make_shared<Entry>(io_, policy_);
      e->snap.id = s.id;
    } else {
      e = it->second;
      entries_.erase(it);
    }
    e->config = s;
    e->snap.tags = split_tags(s.tags);
    e->snap.multiplier = s.multiplier > 0 ? s.multiplier : 1.0;
    e->snap.capacity = static_cast<int>(s.capacity);
    e->snap.admin = admin_state(s.admin_state);
    next[s.id] = e;
    if (fresh && !stopped_) asio::co_spawn(io_, poll_loop(s.id, e), asio::detached);
  }
  // Servers no longer configured stop polling and take their reservations along.
  for (auto& [id, e] : entries_) {
    e->removed = true;
    e->timer.cancel();
    reservations_.forget_server(id);
  }
  entries_ = std::move(next);
}

std::vector<ServerSnapshot> ServerPool::snapshots() const {
  std::vector<ServerSnapshot> out;
  out.reserve(entries_.size());
  for (const auto& [id, e] : entries_) out.push_back(e->snap);
  return out;
}

const ServerSnapshot* ServerPool::snapshot(std::int64_t id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second->snap;
}

const db::Server* ServerPool::config(std::int64_t id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second->config;
}

std::optional<BackendTarget> ServerPool::target(std::int64_t id) const {
  const auto* c = config(id);
  if (!c) return std::nullopt;
  return BackendTarget{c->url, c->secret};
}

std::variant<std::int64_t, PlacementError> ServerPool::place(const PlacementRequest& request,
                                                             std::string_view backend_id, util::Millis now) {
  auto snaps = snapshots();
  auto chosen = choose_server(snaps, request, reservations_, now, rng_);
  if (auto* id = std::get_if<std::int64_t>(&chosen))
    reservations_.reserve(*id, backend_id, request.expected_size, now);
  return chosen;
}

void ServerPool::joined(std::int64_t server, std::string_view backend_id, util::Millis now) {
  reservations_.join(server, backend_id, now);
}

util::Millis ServerPool::last_poll_ms(std::int64_t server) const {
  auto it = entries_.find(server);
  return it == entries_.end() ? -1 : it->second->last_poll_ms;
}

int ServerPool::participants(std::string_view backend_id) const {
  auto it = meeting_participants_.find(backend_id);
  return it == meeting_participants_.end() ? 0 : it->second;
}

void ServerPool::poll_soon(std::int64_t server) {
  if (auto it = entries_.find(server); it != entries_.end()) it->second->timer.cancel();
}

asio::awaitable<void> ServerPool::poll_loop(std::int64_t id, std::shared_ptr<Entry> e) {
  while (!e->removed && !stopped_) {
    util::Millis started = util::now_millis();
    auto timeout = std::chrono::milliseconds(e->health.poll_timeout());
    // Named, not temporaries: GCC 12 destroys temporaries in a co_await expression twice.
    const BackendTarget target{e->config.url, e->config.secret};
    const bbb::Params none;
    auto reply = co_await client_.call(target, "getMeetings", none, timeout);
    if (e->removed || stopped_) break;
    std::optional<ServerReport> report;
    if (reply && reply->status == 200) report = parse_get_meetings(reply->body);
    util::Millis now = util::now_millis();
    e->last_poll_ms = now - started;
    Health before = e->health.health();
    if (report) {
      e->health.poll_succeeded(now);
      e->snap.meetings = 0;
      std::vector<PolledMeeting> polled;
      polled.reserve(report->meetings.size());
      for (const auto& m : report->meetings) {
        if (!m.breakout) ++e->snap.meetings;
        polled.push_back(PolledMeeting{m.backend_id, m.participants});
      }
      e->snap.participants = report->participants;
      e->snap.video = report->video;
      e->snap.voice = report->voice;
      e->snap.polled_at = started;
      reservations_.polled(id, polled, started);
      auto& listed = meetings_by_server_[id];
      for (const auto& m : listed) meeting_participants_.erase(m);
      listed.clear();
      for (const auto& m : report->meetings) {
        meeting_participants_[m.backend_id] = m.participants;
        listed.push_back(m.backend_id);
      }
    } else {
      e->health.poll_failed(now);
    }
    e->snap.health = e->health.health();
    if (e->snap.health != before)
      spdlog::info("server {} ({}) is now {}", id, e->config.url,
                   e->snap.health == Health::online ? "online" : e->snap.health == Health::unstable ? "unstable" : "offline");
    if (on_health_) on_health_(id, e->snap.health, report ? &*report : nullptr, started);
    if (report && on_report_) on_report_(id, *report, started);
    e->timer.expires_after(std::chrono::milliseconds(e->health.next_poll_delay(now)));
    co_await e->timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace bluemeet::gateway
