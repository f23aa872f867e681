// A one-shot-per-wait notification between coroutines on one executor:
// waiters sleep until notify_all() or their own timeout. Not thread-safe; a
// notify with no waiter is not remembered, so callers check their condition
// before waiting (which cannot race on a single-threaded executor).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <list>

namespace bluemeet::media {

class WakeSignal {
 public:
  explicit WakeSignal(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}
  WakeSignal(const WakeSignal&) = delete;
  WakeSignal& operator=(const WakeSignal&) = delete;

  // True when woken by notify_all(), false when the timeout passed first.
  // The signal must outlive the wait.
  boost::asio::awaitable<bool> wait(std::chrono::steady_clock::duration timeout);
  void notify_all();

 private:
  struct Waiter {
    boost::asio::steady_timer* timer;
    bool notified = false;
  };
  boost::asio::any_io_executor executor_;
  std::list<Waiter> waiters_;
};

}  // namespace bluemeet::media
