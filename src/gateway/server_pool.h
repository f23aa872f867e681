// The pool of servers as this gateway sees it: their configuration (from the
// database), their health (from its own polls, with hysteresis), their load
// (polls plus reservations for what it placed since), and placement.
//
// Each server is polled by its own coroutine, in parallel, with a short
// timeout and back-off for servers known to be down; nothing here blocks a
// request. Runs on the gateway's io_context thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <variant>
#include <vector>

#include "gateway/backend_client.h"
#include "gateway/domain/health.h"
#include "gateway/domain/load.h"
#include "gateway/domain/placement.h"
#include "gateway/domain/poll_result.h"
#include "gateway/store/servers.h"

namespace bluemeet::gateway {

class ServerPool {
 public:
  // Called after every successful poll with what the server reported.
  using ReportHandler = std::function<void(std::int64_t server_id, const ServerReport&, util::Millis polled_at)>;
  // Called after every poll, answered or not (to persist health and figures).
  using HealthHandler = std::function<void(std::int64_t server_id, Health, const ServerReport*, util::Millis)>;

  ServerPool(boost::asio::io_context& io, BackendClient& client, HealthPolicy policy);
  ~ServerPool();

  // Replaces the configuration, keeping health and load of servers that stay.
  // New servers start offline and are polled at once.
  void configure(const std::vector<db::Server>& servers);
  void on_report(ReportHandler h) { on_report_ = std::move(h); }
  void on_health(HealthHandler h) { on_health_ = std::move(h); }
  void stop();

  std::vector<ServerSnapshot> snapshots() const;
  const ServerSnapshot* snapshot(std::int64_t id) const;
  std::optional<BackendTarget> target(std::int64_t id) const;
  const db::Server* config(std::int64_t id) const;

  // Chooses a server for a new meeting and reserves its expected load there.
  std::variant<std::int64_t, PlacementError> place(const PlacementRequest& request, std::string_view backend_id,
                                                   util::Millis now);
  void joined(std::int64_t server, std::string_view backend_id, util::Millis now);
  // Poll a server now (after a call to it failed, say), without waiting for its turn.
  void poll_soon(std::int64_t server);
  // The load placement sees for a server now: its last poll plus reservations.
  double load(const ServerSnapshot& server, util::Millis now) const { return effective_load(server, reservations_, now); }
  // How long the server's last poll took, answered or not (ms; -1 before the first).
  util::Millis last_poll_ms(std::int64_t server) const;
  // Participants in a meeting at its server's last poll (0 if unknown).
  int participants(std::string_view backend_id) const;

 private:
  struct Entry;
  boost::asio::awaitable<void> poll_loop(std::int64_t id, std::shared_ptr<Entry> entry);

  boost::asio::io_context& io_;
  BackendClient& client_;
  HealthPolicy policy_;
  std::map<std::int64_t, std::shared_ptr<Entry>> entries_;
  Reservations reservations_;
  Rng rng_{std::random_device{}()};
  std::map<std::string, int, std::less<>> meeting_participants_;          // by backend ID
  std::map<std::int64_t, std::vector<std::string>> meetings_by_server_;  // what each server last listed
  ReportHandler on_report_;
  HealthHandler on_health_;
  bool stopped_ = false;
};

}  // namespace bluemeet::gateway
