// Outgoing HTTP requests that must not be lost: webhook events and the end,
// analytics and recording-ready callbacks. A delivery is written to the
// database before enqueue() returns and deleted only once its receiver has
// answered for good (see RetryPolicy), so a restart resumes where it stopped.
// Attempts run in parallel with a per-request deadline; a slow receiver
// delays nobody else.
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

// The table an outbox needs; each component's migrations create it.
extern const char* const kDeliveriesTableSql;

class Outbox {
 public:
  Outbox(boost::asio::any_io_executor executor, store::Store& store, net::HttpClient& client);
  ~Outbox();
  // Loads what earlier runs left and starts delivering. Call once.
  boost::asio::awaitable<void> start();
  boost::asio::awaitable<void> enqueue(Delivery d);
  void stop();
  std::size_t pending() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace bluemeet::delivery
