// Private to src/store: the state behind Store, shared by store.cc (worker
// thread) and migrations.cc.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "store/store.h"

namespace bluemeet::store {

struct Store::Impl {
  Dialect dialect;
  std::unique_ptr<Connection> connection;  // touched only by `worker` once it runs

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<detail::Job> queue;  // guarded by mutex
  bool stopping = false;          // guarded by mutex

  std::thread worker;

  void work();  // the worker thread's loop; returns once stopping and drained
};

}  // namespace bluemeet::store
