// Keeps the servers table's health and figures (what `bluemeet admin status`
// shows) in step with this gateway's polls without a write per poll: with a
// thousand servers polled every few seconds that would be hundreds of
// transactions a second. What changed (health, meetings, participants) is
// written within kDelay; a server whose figures stay the same is written
// every kRefresh (the time of its last poll); everything pending goes in one
// transaction.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "gateway/store/servers.h"
#include "store/store.h"
#include "util/clock.h"

namespace bluemeet::gateway {

class PollRecorder {
 public:
  static constexpr util::Millis kRefresh = 15'000;
  static constexpr auto kDelay = std::chrono::seconds(1);

  PollRecorder(boost::asio::io_context& io, store::Store& store) : io_(io), store_(store), timer_(io) {}
  void record(std::int64_t server, db::PollResult poll);
  void stop();

 private:
  boost::asio::awaitable<void> flush_later();

  struct Saved {
    std::string health;
    std::int64_t meetings = 0, participants = 0;
    util::Millis at = 0;
  };
  boost::asio::io_context& io_;
  store::Store& store_;
  boost::asio::steady_timer timer_;
  std::map<std::int64_t, Saved> saved_;
  std::map<std::int64_t, db::PollResult> pending_;
  bool scheduled_ = false;
  bool stopped_ = false;
};

}  // namespace bluemeet::gateway
