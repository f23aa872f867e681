#include "gateway/service.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <set>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "gateway/store/hooks.h"
#include "gateway/store/schema.h"
#include "net/service_runner.h"
#include "gateway/store/servers.h"
#include "util/crypto.h"
#include "util/random.h"
#include "util/text.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {
namespace {

// The key that signs the callback URLs given to servers: in the database,
// so that every gateway on it accepts what any of them handed out. A key file
// left by an earlier version becomes the shared key.
std::string initial_callback_key(const std::filesystem::path& file) {
  if (std::ifstream in(file); in) {
    std::string s;
    std::getline(in, s);
    if (s.size() >= 32) return s;
  }
  return util::random_alnum(48);
}

// Names this process's leases on the shared outbox: stable across restarts
// of one gateway, different between gateways.
std::string outbox_owner(const GatewayConfig& config) {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + " " + config.listen;
}

}  // namespace

GatewayService::GatewayService(asio::io_context& io, GatewayConfig config)
    : io_(io), config_(std::move(config)), http_(io.get_executor()), backend_(http_), watch_timer_(io) {
  auto algs = bbb::AlgorithmSet::parse(config_.checksum_algorithms);
  if (!algs) throw std::invalid_argument("--checksum-algorithms: expected a list of sha1, sha256, sha384, sha512");
  checksum_.algorithms = *algs;
  HealthPolicy hp;
  hp.interval = config_.poll_interval_ms;
  hp.timeout = std::min(config_.poll_timeout_ms, config_.poll_interval_ms);
  hp.down_timeout = std::min<util::Millis>(hp.timeout, 1000);
  pool_ = std::make_unique<ServerPool>(io_, backend_, hp);
}

GatewayService::~GatewayService() { stop(); }

asio::awaitable<void> GatewayService::start() {
  std::filesystem::create_directories(config_.data_dir);
  std::string url = config_.db_url.empty()
                        ? "sqlite:" + (std::filesystem::path(config_.data_dir) / "gateway.db").string()
                        : config_.db_url;
  store_ = store::Store::open(url);
  store_->migrate(db::gateway_migrations());
  auto initial_key = initial_callback_key(std::filesystem::path(config_.data_dir) / "callback.key");
  callback_key_ = co_await store_->run([&](store::Connection& c) { return db::setting_or_init(c, "callback_key", initial_key); });
  pool_->on_report([this](std::int64_t id, const ServerReport& r, util::Millis at) { on_report(id, r, at); });
  polls_ = std::make_unique<PollRecorder>(io_, *store_);
  pool_->on_health([this](std::int64_t id, Health h, const ServerReport* r, util::Millis at) {
    polls_->record(id, db::PollResult{h == Health::online ? "online" : h == Health::unstable ? "unstable" : "offline",
                                      r ? static_cast<std::int64_t>(r->meetings.size()) : 0, r ? r->participants : 0, at});
  });
  co_await reload();
  outbox_ = std::make_unique<delivery::Outbox>(io_.get_executor(), *store_, http_,
                                               delivery::OutboxOptions{outbox_owner(config_)});
  co_await outbox_->start();
  net::spawn_logged(io_, watch_config(), "configuration watcher");
  if (!config_.recordings_dir.empty()) {
    importer_ = std::make_unique<RecordingImporter>(*store_, config_.recordings_dir, outbox_owner(config_));
    importer_->prepare();
    importer_->on_committed([this] { asio::post(io_, [this] { if (outbox_) outbox_->adopt_soon(); }); });
    importer_->start();
  }
}

void GatewayService::stop() {
  stopped_ = true;
  watch_timer_.cancel();
  if (pool_) pool_->stop();
  if (polls_) polls_->stop();
  if (importer_) importer_->stop();
  if (outbox_) outbox_->stop();
}

asio::awaitable<void> GatewayService::reload() {
  struct Config {
    std::int64_t version;
    std::vector<db::Tenant> tenants;
    std::vector<db::Server> servers;
    std::int64_t hooks;
  };
  auto cfg = co_await store_->run([&](store::Connection& c) {
    return Config{db::config_version(c), db::list_tenants(c), db::list_servers(c), db::count_hooks(c)};
  });
  tenants_.configure(cfg.tenants);
  pool_->configure(cfg.servers);
  if (!hooks_wanted_ && cfg.hooks > 0) hook_registrations_.clear();  // register everywhere at the next polls
  hooks_wanted_ = cfg.hooks > 0;
  if (config_version_ >= 0) spdlog::info("configuration {} applied ({} tenants, {} servers)", cfg.version, cfg.tenants.size(), cfg.servers.size());
  config_version_ = cfg.version;
}

asio::awaitable<void> GatewayService::watch_config() {
  while (!stopped_) {
    watch_timer_.expires_after(std::chrono::milliseconds(500));
    co_await watch_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopped_) break;
    try {
      auto v = co_await store_->run([](store::Connection& c) { return db::config_version(c); });
      if (v != config_version_) co_await reload();
      if (auto now = util::now_millis(); now - last_purge_ > kPurgeInterval) {
        // Ended meetings are kept a week (for callbacks that arrive late, and for operators), then dropped.
        last_purge_ = now;
        auto before = now - kEndedRetention;
        auto n = co_await store_->run([&](store::Connection& c) { return db::purge_ended_meetings(c, before); });
        if (n > 0) spdlog::info("purged {} meetings that ended more than a week ago", n);
      }
    } catch (const std::exception& e) {
      // The database may be restarting: keep serving from memory and look again.
      spdlog::warn("cannot read the configuration version: {}", e.what());
    }
  }
}

void GatewayService::on_report(std::int64_t server, const ServerReport& report, util::Millis polled_at) {
  // Meetings this server no longer lists have ended there. One poll that
  // misses a meeting proves nothing: the server may answer it before a create
  // sent earlier reaches it, and its answer may be read after the create's.
  // So a meeting ends when two compared polls miss it, the second one sent
  // after the first comparison had seen the create confirmed (and so after
  // the server had answered it). Polls sent earlier, or while a comparison
  // is under way, are not compared.
  register_hook_if_due(server);
  auto& missing = missing_[server];
  if (missing.busy || polled_at <= missing.checked_at) return;
  missing.busy = true;
  auto listed = std::make_shared<std::set<std::string>>();
  for (const auto& m : report.meetings) listed->insert(m.backend_id);
  net::spawn_logged(
      io_,
      [](GatewayService& self, std::int64_t sid, std::shared_ptr<std::set<std::string>> seen,
         std::set<std::int64_t> missed_before, util::Millis at) -> asio::awaitable<void> {
        std::set<std::int64_t> missed;
        try {
          missed = co_await self.store().run([&](store::Connection& c) {
            std::set<std::int64_t> out;
            for (const auto& row : db::list_live_meetings_by_server(c, sid)) {
              if (row.create_time == 0 || row.created_at >= at || seen->contains(row.backend_id)) continue;
              if (missed_before.contains(row.id)) db::end_meeting_on_server(c, row.id, sid, util::now_millis());
              else out.insert(row.id);
            }
            return out;
          });
        } catch (...) {
          self.missing_[sid].busy = false;
          throw;
        }
        self.missing_[sid] = MissingMeetings{std::move(missed), util::now_millis(), false};
      }(*this, server, listed, missing.ids, polled_at),
      "cannot record ended meetings");
}

namespace {
std::string callback_mac(const std::string& key, std::int64_t row, std::string_view kind) {
  return util::base64url_encode(util::hmac(util::HashAlg::sha256, key, std::string(kind) + "\n" + std::to_string(row)));
}
}  // namespace

std::string GatewayService::callback_url(std::int64_t row, std::string_view kind) const {
  return config_.public_url + "/gateway/callback/" + std::string(kind) + "?m=" + std::to_string(row) +
         "&token=" + callback_mac(callback_key_, row, kind);
}

bool GatewayService::callback_token_valid(std::int64_t row, std::string_view kind, std::string_view token) const {
  return util::constant_time_equal(callback_mac(callback_key_, row, kind), token);
}

std::string GatewayService::server_hook_url(std::int64_t server) const {
  return config_.public_url + "/gateway/hooks?s=" + std::to_string(server) +
         "&token=" + callback_mac(callback_key_, server, "server-hooks");
}

bool GatewayService::server_hook_token_valid(std::int64_t server, std::string_view token) const {
  return util::constant_time_equal(callback_mac(callback_key_, server, "server-hooks"), token);
}

std::string GatewayService::playback_token(const std::string& record_id, util::Millis expires) const {
  return std::to_string(expires) + "." + callback_mac(callback_key_, expires, "playback " + record_id);
}

bool GatewayService::playback_token_valid(const std::string& record_id, std::string_view token, util::Millis now) const {
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return false;
  std::int64_t expires = 0;
  auto digits = token.substr(0, dot);
  if (digits.empty() || digits.size() > 15) return false;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return false;
    expires = expires * 10 + (ch - '0');
  }
  return expires >= now && util::constant_time_equal(playback_token(record_id, expires), token);
}

void GatewayService::register_hook_if_due(std::int64_t server) {
  auto now = util::now_millis();
  auto& reg = hook_registrations_[server];
  if (!hooks_wanted_ || reg.busy || now < reg.due) return;
  auto target = pool_->target(server);
  if (!target) return;
  reg.busy = true;
  net::spawn_logged(
      io_,
      [](GatewayService& self, std::int64_t sid, BackendTarget t) -> asio::awaitable<void> {
        bbb::Params params;
        params.add("callbackURL", self.server_hook_url(sid));
        params.add("getRaw", "false");
        auto reply = co_await self.backend_.call(t, "hooks/create", params,
                                                 std::chrono::milliseconds(self.config_.backend_timeout_ms));
        bool ok = reply && reply->status == 200 &&
                  reply->body.find("<returncode>SUCCESS</returncode>") != std::string::npos;
        auto& r = self.hook_registrations_[sid];
        r.busy = false;
        r.due = util::now_millis() + (ok ? kHookRefresh : kHookRetry);
        bool say = !ok && !r.warned;
        r.warned = !ok;
        if (say)
          spdlog::warn("server {} did not accept the gateway's webhook (is bbb-webhooks installed?); tenants' hooks "
                       "miss its events until it does",
                       sid);
      }(*this, server, *target),
      "cannot register the gateway's webhook");
}

asio::awaitable<void> GatewayService::deliver(delivery::Delivery d) { co_await outbox_->enqueue(std::move(d)); }

PlacementRequest GatewayService::placement_request(const TenantInfo& tenant, const bbb::Params& params) const {
  PlacementRequest req;
  auto tag = parse_server_tag(params.get("meta_server-tag"));
  req.tag = tag.tag;
  req.tag_required = tag.required;
  req.test_only = tenant.state == TenantState::testing;
  req.expected_size = expected_meeting_size(params.get("meta_bbb-meeting-size-hint"));
  return req;
}

asio::awaitable<std::optional<std::string>> GatewayService::create_on_server(
    const db::MeetingRow& row, const std::vector<db::MeetingDocument>* documents) {
  auto target = row.server_id ? pool_->target(*row.server_id) : std::nullopt;
  if (!target) co_return std::nullopt;
  std::vector<db::MeetingDocument> stored;
  if (!documents) {
    const std::int64_t row_id = row.id;
    stored = co_await store_->run([&](store::Connection& c) { return db::meeting_documents(c, row_id); });
    documents = &stored;
  }
  const db::MeetingDocument* create_body = nullptr;
  for (const auto& d : *documents)
    if (d.call == "create") create_body = &d;
  auto params = bbb::Params::parse(row.create_params).value_or(bbb::Params{});
  auto backend = backend_create(params, row.backend_id, row.voice_bridge,
                                [&](std::string_view kind) { return callback_url(row.id, kind); });
  const auto timeout = std::chrono::milliseconds(config_.backend_timeout_ms);
  // Named, not temporaries in the co_await (GCC 12's coroutine bugs).
  std::string body = create_body ? create_body->body : std::string();
  std::string content_type = create_body ? create_body->content_type : std::string();
  auto reply = co_await backend_.call(*target, "create", backend.params, timeout, std::move(body),
                                      std::move(content_type));
  if (!reply || reply->status != 200) {
    pool_->poll_soon(*row.server_id);
    co_return std::nullopt;
  }
  pugi::xml_document doc;
  if (doc.load_buffer(reply->body.data(), reply->body.size())) {
    auto r = doc.child("response");
    if (std::string_view(r.child_value("returncode")) == "SUCCESS") {
      std::string internal = r.child_value("internalMeetingID");
      std::int64_t create_time = r.child("createTime").text().as_llong();
      std::int64_t id = row.id, server = *row.server_id;
      // Passwords the server made up (the tenant sent none) are kept with the
      // meeting, so that a failover recreates it with the ones the tenant was told.
      std::string pinned;
      for (const char* key : {"attendeePW", "moderatorPW"}) {
        std::string given = r.child_value(key);
        if (util::trim(params.get(key)).empty() && !given.empty()) {
          params.set(key, std::move(given));
          pinned = params.encode();
        }
      }
      co_await store_->run([&](store::Connection& c) {
        if (db::record_meeting_created(c, id, server, internal, create_time) && !pinned.empty())
          db::set_meeting_create_params(c, id, pinned);
      });
      // Documents inserted later, in their order; one the server refuses is
      // logged and the meeting goes on without it, as on its first server.
      bbb::Params insert;
      insert.add("meetingID", row.backend_id);
      for (const auto& d : *documents) {
        if (d.call != "insertDocument") continue;
        std::string doc_body = d.body, doc_type = d.content_type;
        auto inserted =
            co_await backend_.call(*target, "insertDocument", insert, timeout, std::move(doc_body), std::move(doc_type));
        if (!inserted || inserted->body.find("<returncode>SUCCESS</returncode>") == std::string::npos)
          spdlog::warn("meeting {}: a document inserted earlier could not be given to its new server", row.backend_id);
      }
    }
  }
  co_return reply->body;
}

asio::awaitable<std::variant<db::MeetingRow, PlacementFailure>> GatewayService::ensure_placed(const TenantInfo& tenant,
                                                                                              db::MeetingRow row) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    const ServerSnapshot* snap = row.server_id ? pool_->snapshot(*row.server_id) : nullptr;
    if (snap && !needs_failover(*snap)) {
      if (row.create_time != 0) co_return row;
      // Its server has not answered the create yet: another request is
      // creating or moving it there right now. Wait for that (within the
      // backend timeout), or users would be sent to a server that does not
      // have the meeting yet.
      asio::steady_timer timer(io_);
      auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.backend_timeout_ms);
      std::int64_t id = row.id;
      std::optional<db::MeetingRow> fresh = row;
      while (fresh && !fresh->ended_at && fresh->create_time == 0 && fresh->server_id == row.server_id &&
             std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(50));
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        fresh = co_await store_->run([&](store::Connection& c) { return db::get_meeting(c, id); });
      }
      if (!fresh || fresh->ended_at) co_return PlacementFailure{"notFound", "A meeting with that ID does not exist"};
      if (fresh->server_id == row.server_id) co_return *fresh;
      row = *fresh;  // moved meanwhile: look again
      continue;
    }
    auto params = bbb::Params::parse(row.create_params).value_or(bbb::Params{});
    auto chosen = pool_->place(placement_request(tenant, params), row.backend_id, util::now_millis());
    if (auto* err = std::get_if<PlacementError>(&chosen))
      co_return PlacementFailure{std::string(placement_error_key(*err)), "No server can take this meeting now."};
    std::int64_t to = std::get<std::int64_t>(chosen);
    std::int64_t id = row.id;
    auto from = row.server_id;
    bool won = co_await store_->run([&](store::Connection& c) { return db::reassign_meeting(c, id, from, to); });
    if (won) {
      spdlog::info("meeting {} of {} moves from server {} to {}", row.meeting_id, tenant.row.name,
                   from ? std::to_string(*from) : std::string("none"), to);
      row.server_id = to;
      row.internal_id.clear();
      row.create_time = 0;
      if (co_await create_on_server(row)) {
        auto fresh = co_await store_->run([&](store::Connection& c) { return db::get_meeting(c, id); });
        co_return fresh ? *fresh : row;
      }
      continue;  // that server failed too: place again
    }
    // Another gateway moved it first: use where it went.
    auto fresh = co_await store_->run([&](store::Connection& c) { return db::get_meeting(c, id); });
    if (!fresh || fresh->ended_at) co_return PlacementFailure{"notFound", "A meeting with that ID does not exist"};
    row = *fresh;
  }
  co_return PlacementFailure{"serverUnavailable", "No server could take this meeting."};
}

}  // namespace bluemeet::gateway
