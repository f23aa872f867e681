// The running gateway: its database, the tenants and servers it knows (kept
// in step with the database within half a second), the pool's polls, and the
// bookkeeping of meetings (placement, failover, ends noticed by polls).
// Everything runs on the gateway's io_context thread, except database work,
// which the store does on its own thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "bbb/checksum.h"
#include "delivery/outbox.h"
#include "gateway/backend_client.h"
#include "gateway/config.h"
#include "gateway/metrics.h"
#include "gateway/poll_recorder.h"
#include "gateway/recording_importer.h"
#include "gateway/server_pool.h"
#include "gateway/store/meeting_documents.h"
#include "gateway/store/meetings.h"
#include "gateway/tenant_directory.h"
#include "net/http_client.h"
#include "store/store.h"

namespace bluemeet::gateway {

// Why a meeting could not be put on a server.
struct PlacementFailure {
  std::string key;
  std::string message;
};

class GatewayService {
 public:
  GatewayService(boost::asio::io_context& io, GatewayConfig config);
  ~GatewayService();

  boost::asio::awaitable<void> start();
  void stop();

  const GatewayConfig& config() const { return config_; }
  const bbb::ChecksumOptions& checksum_options() const { return checksum_; }
  store::Store& store() { return *store_; }
  TenantDirectory& tenants() { return tenants_; }
  ServerPool& pool() { return *pool_; }
  BackendClient& backend() { return backend_; }
  // nullptr when recordings are off (no --recordings).
  RecordingImporter* recordings() { return importer_.get(); }

  // The URL a server is given for one of a meeting's intercepted callbacks:
  // it names the meeting's row and carries a MAC, so a server can only call
  // back about its own meetings' callbacks, even after they ended.
  std::string callback_url(std::int64_t meeting_row, std::string_view kind) const;
  bool callback_token_valid(std::int64_t meeting_row, std::string_view kind, std::string_view token) const;
  // The URL a server posts its webhook events to: one hook per server,
  // registered by the gateway while any tenant has a hook (api_hooks.cc).
  std::string server_hook_url(std::int64_t server) const;
  // Signed playback links for protected recordings: "<expiry>.<MAC>".
  std::string playback_token(const std::string& record_id, util::Millis expires) const;
  bool playback_token_valid(const std::string& record_id, std::string_view token, util::Millis now) const;
  bool server_hook_token_valid(std::int64_t server, std::string_view token) const;
  // Queues a delivery to a tenant (written to the database before it returns).
  boost::asio::awaitable<void> deliver(delivery::Delivery d);

  // Makes sure a live meeting sits on a server that takes it, moving and
  // recreating it (same parameters, passwords and voice bridge) when its
  // server is gone, disabled or offline. Several gateways may race here; the
  // database decides who moves it.
  boost::asio::awaitable<std::variant<db::MeetingRow, PlacementFailure>> ensure_placed(const TenantInfo& tenant,
                                                                                       db::MeetingRow row);
  // Sends create for a meeting row to its server, with the meeting's
  // documents (create's body, then each insertDocument again), and records
  // the answer. `documents` null: read them from the store (a failover).
  // Returns the server's XML, or nullopt when it did not answer.
  boost::asio::awaitable<std::optional<std::string>> create_on_server(
      const db::MeetingRow& row, const std::vector<db::MeetingDocument>* documents = nullptr);
  PlacementRequest placement_request(const TenantInfo& tenant, const bbb::Params& params) const;

  struct Counters {
    std::map<std::string, std::uint64_t> requests, errors;  // by tenant
    LatencyHistogram latency;                               // by call
  };
  Counters& counters() { return counters_; }
  std::int64_t config_version() const { return config_version_; }

 private:
  boost::asio::awaitable<void> watch_config();
  boost::asio::awaitable<void> reload();
  void on_report(std::int64_t server, const ServerReport& report, util::Millis polled_at);
  // Registers the gateway's hook on a server that answered its poll, when
  // tenants have hooks and it was not done recently (servers may lose their
  // hooks; hooks/create of an existing one is harmless).
  void register_hook_if_due(std::int64_t server);
  struct HookRegistration {
    util::Millis due = 0;
    bool busy = false;
    bool warned = false;  // said once per outage, not at every retry
  };
  std::map<std::int64_t, HookRegistration> hook_registrations_;
  bool hooks_wanted_ = false;
  static constexpr util::Millis kHookRefresh = 10 * 60'000;
  static constexpr util::Millis kHookRetry = 60'000;
  // Per server: the live meetings (row ids) its last compared poll did not
  // list, when that comparison was done, and whether one is under way (see on_report).
  struct MissingMeetings {
    std::set<std::int64_t> ids;
    util::Millis checked_at = 0;
    bool busy = false;
  };
  std::map<std::int64_t, MissingMeetings> missing_;

  boost::asio::io_context& io_;
  GatewayConfig config_;
  bbb::ChecksumOptions checksum_;
  std::unique_ptr<store::Store> store_;
  net::HttpClient http_;
  BackendClient backend_;
  std::unique_ptr<ServerPool> pool_;
  std::unique_ptr<delivery::Outbox> outbox_;
  std::unique_ptr<PollRecorder> polls_;
  std::unique_ptr<RecordingImporter> importer_;
  TenantDirectory tenants_;
  std::string callback_key_;
  std::int64_t config_version_ = -1;
  boost::asio::steady_timer watch_timer_;
  static constexpr util::Millis kPurgeInterval = 3600'000;
  static constexpr util::Millis kEndedRetention = 7 * 24 * 3600'000LL;
  util::Millis last_purge_ = 0;
  bool stopped_ = false;
  Counters counters_;
};

}  // namespace bluemeet::gateway
