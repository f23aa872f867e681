// A synchronous database connection. Only ever used from the Store's own
// worker thread (see store.h), so implementations need no locking.
//
// SQL uses `?` placeholders in both dialects; the PostgreSQL implementation
// rewrites them to $1, $2, ... (never inside quoted literals). Write SQL that
// both accept: INTEGER/BIGINT, TEXT, REAL, `INSERT ... ON CONFLICT ... DO
// NOTHING/UPDATE`, `RETURNING`. INTEGER is 32-bit and REAL 4-byte on
// PostgreSQL: use BIGINT for ids, counters and timestamps and DOUBLE
// PRECISION for floating point (SQLite accepts both names).
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/value.h"

namespace bluemeet::store {

enum class Dialect { sqlite, postgres };

// Every failure of the database is a StoreError. `constraint()` is true when a
// UNIQUE/PRIMARY KEY/FOREIGN KEY/CHECK constraint refused a write: callers use
// it to decide races (two creates of one meeting) without parsing messages.
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& what, bool constraint = false)
      : std::runtime_error(what), constraint_(constraint) {}
  bool constraint() const { return constraint_; }

 private:
  bool constraint_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement; returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  virtual std::vector<Row> query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs several statements with no parameters (schema scripts).
  virtual void exec_script(std::string_view sql) = 0;
  virtual void begin() = 0;     // BEGIN (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing)
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws
};

// Commits at scope end unless commit() was called or an exception unwinds.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
  ~Transaction() { if (!done_) c_.rollback(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() { c_.commit(); done_ = true; }

 private:
  Connection& c_;
  bool done_ = false;
};

}  // namespace bluemeet::store
