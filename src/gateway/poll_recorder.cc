#include "gateway/poll_recorder.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "net/service_runner.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

void PollRecorder::record(std::int64_t server, db::PollResult poll) {
  auto it = saved_.find(server);
  bool due = it == saved_.end() || it->second.health != poll.health || it->second.meetings != poll.meetings ||
             it->second.participants != poll.participants || poll.polled_at - it->second.at >= kRefresh;
  if (!due || stopped_) return;
  saved_[server] = Saved{poll.health, poll.meetings, poll.participants, poll.polled_at};
  pending_[server] = std::move(poll);
  if (!scheduled_) {
    scheduled_ = true;
    net::spawn_logged(io_, flush_later(), "cannot record polls");
  }
}

void PollRecorder::stop() {
  stopped_ = true;
  timer_.cancel();
}

asio::awaitable<void> PollRecorder::flush_later() {
  timer_.expires_after(kDelay);
  co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  scheduled_ = false;
  if (stopped_) co_return;
  auto batch = std::move(pending_);
  pending_.clear();
  try {
    co_await store_.run([&](store::Connection& c) {
      store::Transaction t(c);
      for (const auto& [id, poll] : batch) db::record_server_poll(c, id, poll);
      t.commit();
    });
  } catch (const std::exception& e) {
    // The database may be restarting: the next polls write again.
    for (const auto& [id, poll] : batch) saved_.erase(id);
    spdlog::warn("cannot record {} servers' polls: {}", batch.size(), e.what());
  }
}

}  // namespace bluemeet::gateway
