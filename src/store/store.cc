#include "store/store.h"

#include <cassert>

#include "store/database_url.h"
#include "store/postgres_connection.h"
#include "store/sqlite_connection.h"
#include "store/store_impl.h"

namespace bluemeet::store {
void Store::Impl::work() {
  for (;;) {
    std::unique_lock lock(mutex);
    wake.wait(lock, [&] { return stopping || !queue.empty(); });
    // Stopping still drains: every queued job has a caller waiting for it.
    if (queue.empty()) return;
    detail::Job job = std::move(queue.front());
    queue.pop_front();
    lock.unlock();
    job(*connection);  // jobs catch their own exceptions (see store.h)
  }
}

std::unique_ptr<Store> Store::open(const std::string& url) {
  DatabaseUrl parsed = parse_database_url(url);
  auto impl = std::make_unique<Impl>();
  impl->dialect = parsed.dialect;
  // Connecting here, on the caller's thread, lets a bad URL or an unreachable
  // server throw from open() itself.
  impl->connection = parsed.dialect == Dialect::sqlite ? open_sqlite_connection(parsed.target)
                                                       : open_postgres_connection(parsed.target);
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  impl_->worker = std::thread([s = impl_.get()] { s->work(); });
}

Store::~Store() {
  assert(!on_worker_thread() && "a Store cannot be destroyed by one of its own jobs");
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_one();
  impl_->worker.join();
}

Dialect Store::dialect() const { return impl_->dialect; }

void Store::post_to_worker(detail::Job job) {
  {
    std::lock_guard lock(impl_->mutex);
    assert(!impl_->stopping && "work handed to a Store being destroyed");
    impl_->queue.push_back(std::move(job));
  }
  impl_->wake.notify_one();
}

bool Store::on_worker_thread() const { return std::this_thread::get_id() == impl_->worker.get_id(); }

}  // namespace bluemeet::store
