// The storage interface every component uses: SQLite (embedded default, WAL)
// or PostgreSQL (several gateways sharing one database), chosen by URL.
//
// A Store owns one connection and one worker thread. Work is handed to that
// thread with run(); the coroutine that awaits it resumes on its own executor,
// so the event loop never blocks on the database. Calls are serialised in the
// order they were made.
//
// Lifetime: the Store must outlive every run() it was given (its destructor
// finishes queued work, then joins the worker). An awaiting coroutine keeps
// its io_context from running out of work, so io_context::run() does not
// return while a run() is pending.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "store/connection.h"

namespace bluemeet::store {

struct Migration {
  int version;            // 1, 2, 3, ... applied in order, each once
  std::string name;       // for logs
  std::string sql;        // both dialects, or:
  std::string sql_postgres;  // when non-empty, used instead of `sql` on PostgreSQL
};

// A migration written once for both dialects: its auto-incrementing id
// columns are spelled `{id}` and become SQLite's INTEGER PRIMARY KEY
// AUTOINCREMENT (ids never reused, as PostgreSQL's identity never reuses
// them) or PostgreSQL's BIGINT identity.
Migration migration_with_ids(int version, std::string name, std::string_view sql);

namespace detail {

// A move-only void(Connection&) job: std::function would demand a copyable
// callable, and completion handlers of coroutines are move-only.
class Job {
 public:
  template <class F>
  explicit Job(F f) : impl_(std::make_unique<Model<F>>(std::move(f))) {}
  void operator()(Connection& c) { impl_->call(c); }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void call(Connection& c) = 0;
  };
  template <class F>
  struct Model final : Base {
    explicit Model(F fn) : f(std::move(fn)) {}
    void call(Connection& c) override { f(c); }
    F f;
  };
  std::unique_ptr<Base> impl_;
};

}  // namespace detail

class Store {
 public:
  // url: "sqlite:/path/to/file.db", a bare path (SQLite), ":memory:", or
  // "postgresql://user:pass@host:port/db" (also "postgres://").
  // Throws StoreError when the database cannot be opened.
  static std::unique_ptr<Store> open(const std::string& url);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Dialect dialect() const;
  // Applies the migrations not yet recorded in the `schema_migrations` table
  // (version, name, applied_at in Unix seconds), each in its own transaction;
  // safe when several processes start at once (PostgreSQL: advisory lock).
  // Refuses (StoreError) a database whose version is newer than the highest
  // migration given. Migration SQL must not BEGIN/COMMIT itself.
  // Blocking: call at start-up, before serving.
  void migrate(const std::vector<Migration>& migrations);
  // The highest applied migration, 0 for a fresh database. Blocking.
  int schema_version();

  // Blocking access for start-up code and command-line tools. Not on an event
  // loop, and never from inside a job (that would wait for itself: throws
  // std::logic_error instead).
  template <class F>
  auto run_sync(F&& f) -> std::invoke_result_t<F, Connection&> {
    return call_on_worker_sync(std::forward<F>(f));
  }

  // Runs f(Connection&) on the worker thread and resumes the awaiting
  // coroutine on its executor with f's result (or rethrows f's exception).
  //
  // f is used in place, not copied, so co_await the result in the same
  // expression (`co_await store.run(...)`): the expression's temporaries then
  // live until the result is back. Pass a lambda that captures by
  // reference (`[&]`, which is always safe here), or a named callable as an
  // lvalue. A temporary that owns resources (`[name = std::string(...)]`) is
  // refused at compile time: GCC 12 destroys such temporaries twice when they
  // appear in a co_await expression (double free).
  //
  // Not cancellable: once handed over, the job runs to completion and the
  // coroutine resumes afterwards.
  template <class F>
  auto run(F&& f) -> boost::asio::awaitable<std::invoke_result_t<F&, Connection&>> {
    static_assert(std::is_lvalue_reference_v<F> || std::is_trivially_destructible_v<std::remove_cvref_t<F>>,
                  "Store::run: capture by reference, or name the callable and pass it as an lvalue "
                  "(GCC 12 double-destroys owning temporaries in co_await expressions)");
    using R = std::invoke_result_t<F&, Connection&>;
    using Slot = std::conditional_t<std::is_void_v<R>, std::monostate, R>;
    // These live in this coroutine's frame, which stays put while it is
    // suspended; the job writes them before it posts the resumption, and the
    // post orders those writes before the reads below.
    std::optional<Slot> result;
    std::exception_ptr error;
    co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void()>(
        [this, &f, &result, &error](auto handler) {
          auto ex = boost::asio::get_associated_executor(handler);
          post_to_worker(detail::Job(
              [&f, &result, &error, ex, work = boost::asio::make_work_guard(ex),
               h = std::move(handler)](Connection& c) mutable {
                try {
                  if constexpr (std::is_void_v<R>) {
                    f(c);
                    result.emplace();
                  } else {
                    result.emplace(f(c));
                  }
                } catch (...) {
                  error = std::current_exception();
                }
                boost::asio::post(ex, std::move(h));
                work.reset();
              }));
        },
        boost::asio::use_awaitable);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<R>) co_return std::move(*result);
  }

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  void post_to_worker(detail::Job job);
  bool on_worker_thread() const;

  template <class F>
  auto call_on_worker_sync(F&& f) -> std::invoke_result_t<F, Connection&> {
    using R = std::invoke_result_t<F, Connection&>;
    using Slot = std::conditional_t<std::is_void_v<R>, std::monostate, R>;
    if (on_worker_thread())
      throw std::logic_error("Store::run_sync called from the store's own worker thread");
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::optional<Slot> result;
    std::exception_ptr error;
    post_to_worker(detail::Job([&](Connection& c) {
      std::optional<Slot> value;
      std::exception_ptr failure;
      try {
        if constexpr (std::is_void_v<R>) {
          std::forward<F>(f)(c);
          value.emplace();
        } else {
          value.emplace(std::forward<F>(f)(c));
        }
      } catch (...) {
        failure = std::current_exception();
      }
      // Moved over only after the catch block has let go of the exception,
      // so the waiting thread ends up its only owner. Notified under the
      // lock: the waiter's stack (these variables) may vanish right after.
      std::lock_guard lock(mutex);
      result = std::move(value);
      error = std::move(failure);
      done = true;
      finished.notify_one();
    }));
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return done; });
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<R>) return std::move(*result);
  }

  std::unique_ptr<Impl> impl_;
};

}  // namespace bluemeet::store
