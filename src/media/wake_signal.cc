#include "media/wake_signal.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace asio = boost::asio;

namespace bluemeet::media {

asio::awaitable<bool> WakeSignal::wait(std::chrono::steady_clock::duration timeout) {
  asio::steady_timer timer(executor_, timeout);
  auto it = waiters_.insert(waiters_.end(), Waiter{&timer});
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  (void)ec;
  bool notified = it->notified;
  waiters_.erase(it);
  co_return notified;
}

void WakeSignal::notify_all() {
  for (auto& w : waiters_) {
    if (w.notified) continue;
    w.notified = true;
    w.timer->cancel();
  }
}

}  // namespace bluemeet::media
