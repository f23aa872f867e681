// Outgoing HTTP requests that must not be lost: webhook events and the end,
// analytics and recording-ready callbacks. A delivery is written to the
// database before enqueue() returns and deleted only once its receiver has
// answered for good (see RetryPolicy), so a restart resumes where it stopped.
// Attempts run in parallel with a per-request deadline; a slow receiver
// delays nobody else.
//
// Several processes may share one deliveries table (gateways on one
// PostgreSQL): each row is leased to one outbox (claimed_by, claimed_until),
// which renews its leases while it runs. Rows whose lease ran out, because
// their outbox died, are adopted by whichever outbox looks first; one UPDATE
// decides, so a delivery is never in two outboxes at once.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "net/http_client.h"
#include "store/store.h"

namespace bluemeet::delivery {

struct Delivery {
  std::string kind;  // "webhook", "end-callback", "analytics", ... (selects the retry policy; shown in logs)
  net::Method method = net::Method::post;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// The table an outbox needs; each component's migrations create it, and add
// the lease columns (kDeliveriesLeaseSql, valid SQLite and PostgreSQL).
extern const char* const kDeliveriesTableSql;
extern const char* const kDeliveriesLeaseSql;

struct OutboxOptions {
  // Who holds a lease: the same name after a restart takes its rows back at
  // once; another name waits for the lease to run out.
  std::string owner = "default";
  std::int64_t lease_ms = 30'000;
};

// Writes a delivery inside the caller's transaction (so that it exists if and
// only if what it announces was committed). It is unclaimed: the outbox of
// any process on the database adopts it at its next look (adopt_soon).
void insert_delivery(store::Connection& c, const Delivery& d, std::int64_t now);

class Outbox {
 public:
  Outbox(boost::asio::any_io_executor executor, store::Store& store, net::HttpClient& client,
         OutboxOptions options = {});
  ~Outbox();
  // Loads what earlier runs left and starts delivering. Call once.
  boost::asio::awaitable<void> start();
  boost::asio::awaitable<void> enqueue(Delivery d);
  // Looks for unclaimed deliveries now rather than at the next lease renewal.
  // Call on the executor's thread.
  void adopt_soon();
  void stop();
  std::size_t pending() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace bluemeet::delivery
