#include "delivery/outbox.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>
#include <spdlog/spdlog.h>

#include "delivery/retry_policy.h"
#include "net/url.h"
#include "util/clock.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::delivery {

const char* const kDeliveriesTableSql = R"SQL(
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
)SQL";

const char* const kDeliveriesLeaseSql = R"SQL(
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX deliveries_lease ON deliveries (claimed_until);
)SQL";

namespace {

constexpr std::size_t kMaxInFlight = 64;
constexpr auto kAttemptTimeout = std::chrono::seconds(10);

// Where a delivery goes, without path or query: those may carry tokens.
std::string safe_target(const std::string& url) {
  auto u = net::parse_http_url(url);
  return u ? u->host_header() : std::string("(bad url)");
}

std::string encode_headers(const std::vector<std::pair<std::string, std::string>>& headers) {
  json::array a;
  for (const auto& [k, v] : headers) a.emplace_back(json::array{json::string(k), json::string(v)});
  return json::serialize(a);
}

std::vector<std::pair<std::string, std::string>> decode_headers(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array())
    if (e.is_array() && e.as_array().size() == 2 && e.as_array()[0].is_string() && e.as_array()[1].is_string())
      out.emplace_back(std::string(e.as_array()[0].as_string()), std::string(e.as_array()[1].as_string()));
  return out;
}

std::int64_t insert_row(store::Connection& c, const Delivery& d, util::Millis now, const std::string& owner,
                        util::Millis claimed_until) {
  std::array<store::Value, 9> p{d.kind, std::string(net::method_name(d.method)), d.url, encode_headers(d.headers),
                                d.body, now, now, owner, claimed_until};
  return c.query("INSERT INTO deliveries (kind, method, url, headers, body, attempts, next_at, created_at, claimed_by, "
                 "claimed_until) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?) RETURNING id",
                 p)
      .at(0)
      .integer(0);
}

}  // namespace

void insert_delivery(store::Connection& c, const Delivery& d, std::int64_t now) { insert_row(c, d, now, "", 0); }

struct Outbox::Impl : std::enable_shared_from_this<Impl> {
  struct Item {
    Delivery d;
    int attempts = 0;
    util::Millis next_at = 0;
    bool in_flight = false;
  };

  asio::any_io_executor executor;
  store::Store& store;
  net::HttpClient& client;
  OutboxOptions options;
  std::map<std::int64_t, Item> items;
  asio::steady_timer timer;
  asio::steady_timer lease_timer;
  std::size_t in_flight = 0;
  bool stopped = false;
  bool started = false;

  Impl(asio::any_io_executor ex, store::Store& s, net::HttpClient& c, OutboxOptions o)
      : executor(ex), store(s), client(c), options(std::move(o)), timer(ex), lease_timer(ex) {}

  void wake() { timer.cancel(); }

  // Takes the rows this outbox may deliver: its own (from before a restart)
  // and any whose lease ran out. One UPDATE per call decides between
  // outboxes racing for the same rows.
  asio::awaitable<std::size_t> adopt(bool own_too) {
    auto self = shared_from_this();
    util::Millis now = util::now_millis();
    const std::string& owner = options.owner;
    util::Millis until = now + options.lease_ms;
    auto rows = co_await store.run([&](store::Connection& c) {
      constexpr const char* kReturning = " RETURNING id, kind, method, url, headers, body, attempts, next_at";
      if (own_too) {
        std::array<store::Value, 4> p{owner, until, owner, now};
        return c.query(std::string("UPDATE deliveries SET claimed_by = ?, claimed_until = ? "
                                   "WHERE claimed_by = ? OR claimed_until < ?") + kReturning, p);
      }
      std::array<store::Value, 3> p{owner, until, now};
      return c.query(
          std::string("UPDATE deliveries SET claimed_by = ?, claimed_until = ? WHERE claimed_until < ?") + kReturning, p);
    });
    std::size_t added = 0;
    for (const auto& r : rows) {
      if (items.contains(r.integer(0))) continue;
      Item item;
      item.d.kind = r.text(1);
      item.d.method = r.text(2) == "GET" ? net::Method::get : net::Method::post;
      item.d.url = r.text(3);
      item.d.headers = decode_headers(r.text(4));
      item.d.body = r.text(5);
      item.attempts = static_cast<int>(r.integer(6));
      item.next_at = r.integer(7);
      items.emplace(r.integer(0), std::move(item));
      ++added;
    }
    if (added > 0) wake();
    co_return added;
  }

  // Renews this outbox's leases and forgets rows another outbox took over
  // (this one stalled past its lease), then adopts abandoned rows.
  asio::awaitable<void> lease_loop() {
    auto self = shared_from_this();
    while (!stopped) {
      lease_timer.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(options.lease_ms / 3, 10)));
      co_await lease_timer.async_wait(asio::as_tuple(asio::use_awaitable));
      if (stopped) break;
      try {
        const std::string& owner = options.owner;
        util::Millis until = util::now_millis() + options.lease_ms;
        auto held = co_await store.run([&](store::Connection& c) {
          std::array<store::Value, 2> p{until, owner};
          std::set<std::int64_t> ids;
          for (const auto& r : c.query("UPDATE deliveries SET claimed_until = ? WHERE claimed_by = ? RETURNING id", p))
            ids.insert(r.integer(0));
          return ids;
        });
        std::erase_if(items, [&](const auto& kv) {
          if (held.contains(kv.first) || kv.second.in_flight) return false;
          spdlog::info("outbox: a {} was taken over by another process", kv.second.d.kind);
          return true;
        });
        if (auto n = co_await adopt(false); n > 0)
          spdlog::info("outbox: adopted {} deliveries left by a process that stopped", n);
      } catch (const std::exception& e) {
        spdlog::warn("outbox: cannot renew leases: {}", e.what());
      }
    }
  }

  asio::awaitable<void> loop() {
    auto self = shared_from_this();
    while (!stopped) {
      util::Millis now = util::now_millis();
      util::Millis earliest = now + 60'000;
      for (auto& [id, item] : items) {
        if (item.in_flight) continue;
        if (item.next_at <= now && in_flight < kMaxInFlight) {
          item.in_flight = true;
          ++in_flight;
          asio::co_spawn(executor, attempt(id), asio::detached);
        } else {
          earliest = std::min(earliest, std::max(item.next_at, now + 10));
        }
      }
      timer.expires_after(std::chrono::milliseconds(earliest - now));
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
  }

  asio::awaitable<void> attempt(std::int64_t id) {
    auto self = shared_from_this();
    auto it = items.find(id);
    if (it == items.end()) co_return;
    const Delivery& d = it->second.d;
    net::ClientRequest req;
    req.method = d.method;
    req.url = d.url;
    req.headers = d.headers;
    req.body = d.body;
    req.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(kAttemptTimeout);
    req.max_redirects = d.kind == "end-callback" ? 5 : 0;
    int status = 0;
    std::string failure;
    try {
      auto res = co_await client.fetch(std::move(req));
      status = res.status;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    it = items.find(id);
    if (it == items.end()) co_return;
    // Still in flight until its outcome is stored: a wake-up meanwhile must
    // not send it again (the DELETE of a delivered one takes a store round trip).
    auto& item = it->second;
    const auto& policy = RetryPolicy::for_kind(item.d.kind);
    bool done = status != 0 && policy.finished(status);
    std::optional<util::Millis> next;
    int attempts = item.attempts;
    const std::string kind = item.d.kind;
    if (!done) {
      attempts = ++item.attempts;
      next = policy.next_attempt(attempts, util::now_millis());
      if (failure.empty()) failure = "HTTP " + std::to_string(status);
      if (next)
        spdlog::info("{} to {} failed ({}); attempt {} follows", kind, safe_target(item.d.url), failure, attempts + 1);
      else
        spdlog::warn("{} to {} failed ({}); giving up after {} attempts", kind, safe_target(item.d.url), failure,
                     attempts);
    }
    try {
      if (done || !next) {
        co_await store.run([id](store::Connection& c) {
          std::array<store::Value, 1> p{id};
          c.exec("DELETE FROM deliveries WHERE id = ?", p);
        });
      } else {
        const std::string& owner = options.owner;
        co_await store.run([id, attempts, at = *next, &owner](store::Connection& c) {
          std::array<store::Value, 4> p{static_cast<std::int64_t>(attempts), at, id, owner};
          c.exec("UPDATE deliveries SET attempts = ?, next_at = ? WHERE id = ? AND claimed_by = ?", p);
        });
      }
    } catch (const std::exception& e) {
      // The database will say the same at the next attempt; memory keeps the schedule meanwhile.
      spdlog::error("outbox: cannot record the outcome of a {}: {}", kind, e.what());
    }
    --in_flight;
    it = items.find(id);
    if (it != items.end()) {
      if (done || !next) {
        items.erase(it);
      } else {
        it->second.next_at = *next;
        it->second.in_flight = false;
      }
    }
    wake();
  }
};

Outbox::Outbox(asio::any_io_executor executor, store::Store& store, net::HttpClient& client, OutboxOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), store, client, std::move(options))) {}

Outbox::~Outbox() { stop(); }

asio::awaitable<void> Outbox::start() {
  auto impl = impl_;
  if (auto n = co_await impl->adopt(true); n > 0) spdlog::info("outbox: {} deliveries left from an earlier run", n);
  impl->started = true;
  asio::co_spawn(impl->executor, impl->loop(), asio::detached);
  asio::co_spawn(impl->executor, impl->lease_loop(), asio::detached);
}

asio::awaitable<void> Outbox::enqueue(Delivery d) {
  auto impl = impl_;
  util::Millis now = util::now_millis();
  const std::string& owner = impl->options.owner;
  util::Millis until = now + impl->options.lease_ms;
  auto id = co_await impl->store.run([&d, now, &owner, until](store::Connection& c) {
    return insert_row(c, d, now, owner, until);
  });
  Impl::Item item;
  item.d = std::move(d);
  item.next_at = now;
  impl->items.emplace(id, std::move(item));
  impl->wake();
}

void Outbox::adopt_soon() { impl_->lease_timer.cancel(); }

void Outbox::stop() {
  impl_->stopped = true;
  impl_->wake();
  impl_->lease_timer.cancel();
}

std::size_t Outbox::pending() const { return impl_->items.size(); }

}  // namespace bluemeet::delivery
