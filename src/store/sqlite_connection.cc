#include "store/sqlite_connection.h"

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <unordered_map>

#include "store/sql_snippet.h"

namespace bluemeet::store {
namespace {

// SQL built at run time (IN lists of varying length) would otherwise grow the
// cache without bound; dropping everything now and then is cheap and simple.
constexpr std::size_t max_cached_statements = 256;
constexpr int busy_timeout_ms = 5000;

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A cached statement must be left reset and unbound whichever way a call ends,
// or the next user would see stale bindings and a held read lock.
class StatementUse {
 public:
  explicit StatementUse(sqlite3_stmt* s) : s_(s) {}
  ~StatementUse() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

 private:
  sqlite3_stmt* s_;
};

bool is_constraint(int extended_code) { return (extended_code & 0xff) == SQLITE_CONSTRAINT; }

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : path_(path) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_ = db;
    if (rc != SQLITE_OK) open_failed(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    try {
      auto mode = query("PRAGMA journal_mode=WAL", {});
      const std::string got = mode.empty() ? "" : mode[0].text(0);
      // An in-memory database has no journal file to put in WAL mode.
      if (got != "wal" && got != "memory") open_failed("cannot enable WAL mode (journal_mode is '" + got + "')");
      exec_script("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    } catch (const StoreError& e) {
      open_failed(e.what());
    }
  }

  ~SqliteConnection() override {
    cache_.clear();  // statements first: close refuses while any is alive
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  std::int64_t exec(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* st = prepared(sql);
    StatementUse use(st);
    bind(st, sql, params);
    // sqlite3_changes64() keeps the count of the last INSERT/UPDATE/DELETE
    // across other statements (DDL, BEGIN); only trust it if this one wrote.
    const sqlite3_int64 total_before = sqlite3_total_changes64(db_);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(sql);
    return sqlite3_total_changes64(db_) == total_before ? 0 : sqlite3_changes64(db_);
  }

  std::vector<Row> query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* st = prepared(sql);
    StatementUse use(st);
    bind(st, sql, params);
    std::vector<Row> rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      // Counted after the step: a schema change re-prepares the statement
      // inside sqlite3_step, and "SELECT *" may then have more columns.
      const int columns = sqlite3_column_count(st);
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) values.push_back(column(st, c));
      rows.emplace_back(std::move(values));
    }
    if (rc != SQLITE_DONE) fail(sql);
    return rows;
  }

  void exec_script(std::string_view sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return;
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StoreError("SQLite: " + text + " [in: " + sql_snippet(sql) + "]",
                     is_constraint(sqlite3_extended_errcode(db_)));
  }

  // IMMEDIATE takes the write lock up front: a deferred transaction that
  // upgrades later can fail with SQLITE_BUSY without the busy timeout helping.
  void begin() override { exec("BEGIN IMMEDIATE", {}); }
  void commit() override { exec("COMMIT", {}); }
  void rollback() override {
    if (sqlite3_get_autocommit(db_)) return;  // SQLite already rolled back (or never began)
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  [[noreturn]] void open_failed(const std::string& why) {
    std::string message = "cannot open SQLite database '" + path_ + "': " + why;
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      message += " (directory '" + parent.string() + "' does not exist)";
    cache_.clear();
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(message);
  }

  [[noreturn]] void fail(std::string_view sql) {
    throw StoreError(std::string("SQLite: ") + sqlite3_errmsg(db_) + " [in: " + sql_snippet(sql) + "]",
                     is_constraint(sqlite3_extended_errcode(db_)));
  }

  sqlite3_stmt* prepared(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second.get();
    if (cache_.size() >= max_cached_statements) cache_.clear();

    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &raw, &tail);
    StatementPtr stmt(raw);
    if (rc != SQLITE_OK) fail(sql);
    if (!stmt) throw StoreError("SQLite: empty statement [in: " + sql_snippet(sql) + "]");
    // A second statement would silently be ignored; compiling the tail tells a
    // real statement apart from a trailing comment or semicolon.
    const char* end = sql.data() + sql.size();
    if (tail && tail < end) {
      sqlite3_stmt* next = nullptr;
      int tail_rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &next, nullptr);
      StatementPtr next_stmt(next);
      if (tail_rc != SQLITE_OK || next_stmt)
        throw StoreError("exec()/query() run one statement; use exec_script() [in: " + sql_snippet(sql) + "]");
    }
    return cache_.emplace(std::string(sql), std::move(stmt)).first->second.get();
  }

  void bind(sqlite3_stmt* st, std::string_view sql, std::span<const Value> params) {
    const int expected = sqlite3_bind_parameter_count(st);
    if (static_cast<std::size_t>(expected) != params.size())
      throw StoreError("statement has " + std::to_string(expected) + " parameters, got " +
                       std::to_string(params.size()) + " [in: " + sql_snippet(sql) + "]");
    for (int i = 0; i < expected; ++i) {
      const Value& v = params[static_cast<std::size_t>(i)];
      int rc = SQLITE_OK;
      // SQLITE_STATIC is safe: params outlive the statement's use, and
      // StatementUse clears the bindings before this call returns.
      if (auto* n = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(st, i + 1, *n);
      else if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(st, i + 1, *d);
      else if (auto* s = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text64(st, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      else if (auto* b = std::get_if<Blob>(&v))
        rc = sqlite3_bind_blob64(st, i + 1, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
      else rc = sqlite3_bind_null(st, i + 1);
      if (rc != SQLITE_OK) fail(sql);
    }
  }

  static Value column(sqlite3_stmt* st, int c) {
    switch (sqlite3_column_type(st, c)) {
      case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(st, c)};
      case SQLITE_FLOAT: return sqlite3_column_double(st, c);
      case SQLITE_NULL: return nullptr;
      case SQLITE_BLOB: {
        auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
        return Blob{std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, c)))};
      }
      default: {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
      }
    }
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, StatementPtr, TransparentHash, std::equal_to<>> cache_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite_connection(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace bluemeet::store
