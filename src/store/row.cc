#include <cmath>
#include <string>

#include "store/connection.h"
#include "store/value.h"

namespace bluemeet::store {
namespace {

const char* type_name(const Value& v) {
  switch (v.index()) {
    case 0: return "NULL";
    case 1: return "integer";
    case 2: return "real";
    case 3: return "text";
    default: return "blob";
  }
}

[[noreturn]] void mismatch(std::size_t i, const Value& v, const char* wanted) {
  throw StoreError("column " + std::to_string(i) + " is " + type_name(v) + ", not " + wanted);
}

}  // namespace

const Value& Row::operator[](std::size_t i) const {
  if (i >= cols_.size())
    throw StoreError("column " + std::to_string(i) + " out of range (row has " +
                     std::to_string(cols_.size()) + ")");
  return cols_[i];
}

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::nullptr_t>((*this)[i]);
}

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = (*this)[i];
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) {
    // Beyond 2^53 a double no longer pins down one integer, so refuse rather
    // than hand back a neighbour of the stored value.
    constexpr double exact_limit = 9007199254740992.0;  // 2^53
    if (std::trunc(*d) == *d && std::fabs(*d) <= exact_limit) return static_cast<std::int64_t>(*d);
  }
  mismatch(i, v, "integer");
}

double Row::real(std::size_t i) const {
  const Value& v = (*this)[i];
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  mismatch(i, v, "real");
}

const std::string& Row::text(std::size_t i) const {
  const Value& v = (*this)[i];
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  mismatch(i, v, "text");
}

const std::string& Row::blob(std::size_t i) const {
  const Value& v = (*this)[i];
  if (auto* b = std::get_if<Blob>(&v)) return b->bytes;
  mismatch(i, v, "blob");
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  const Value& v = (*this)[i];
  if (std::holds_alternative<std::nullptr_t>(v)) return std::nullopt;
  return text(i);
}

}  // namespace bluemeet::store
