// Values crossing the storage interface: the few SQL types both SQLite and
// PostgreSQL agree on. Booleans are stored as integers 0/1 everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace bluemeet::store {

// Bytes for a BLOB (SQLite) / BYTEA (PostgreSQL) column. Kept apart from
// text because PostgreSQL's TEXT refuses NUL bytes and invalid UTF-8, which
// any uploaded file has.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

// One result row. Accessors throw StoreError on a type mismatch or a bad index,
// never return garbage. Two widenings are allowed because the dialects disagree
// on result types: real() accepts an integer, and integer() accepts a double
// that holds an exact integer within +-2^53 (PostgreSQL's SUM(bigint) is
// NUMERIC, which arrives as double).
class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  std::size_t size() const { return cols_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;   // INTEGER (PostgreSQL BIGINT/INT)
  double real(std::size_t i) const;            // REAL / DOUBLE PRECISION
  const std::string& text(std::size_t i) const;  // TEXT
  const std::string& blob(std::size_t i) const;  // BLOB / BYTEA (bound as a Blob)
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& operator[](std::size_t i) const;

 private:
  std::vector<Value> cols_;
};

}  // namespace bluemeet::store
