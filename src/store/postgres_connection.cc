#include "store/postgres_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <functional>
#include <optional>
#include <unordered_map>

#include "store/database_url.h"
#include "store/placeholders.h"
#include "store/sql_snippet.h"

namespace bluemeet::store {
namespace {

// Type OIDs are fixed in PostgreSQL's catalog (pg_type.dat); the server's
// header that names them is not part of libpq's development files.
constexpr Oid bool_oid = 16, bytea_oid = 17, int8_oid = 20, int2_oid = 21, int4_oid = 23;
constexpr Oid float4_oid = 700, float8_oid = 701, numeric_oid = 1700;

// Same reasoning as for SQLite: bound the cache against run-time-built SQL.
constexpr std::size_t max_cached_statements = 256;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Prepared {
  std::string name;
  std::size_t parameters;
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string format_param(const Value& v) {
  char buf[32];
  if (auto* n = std::get_if<std::int64_t>(&v)) {
    auto r = std::to_chars(buf, buf + sizeof buf, *n);
    return std::string(buf, r.ptr);
  }
  double d = std::get<double>(v);
  // Spelled the way both float8 and numeric columns accept them.
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest form that round-trips
  return std::string(buf, r.ptr);
}

// BYTEA in the text format: \x and two hex digits a byte (the server's
// default bytea_output since 9.0).
std::optional<std::string> from_bytea_hex(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out((text.size() - 2) / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(text[2 + 2 * i]), lo = nibble(text[3 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

Value convert(Oid type, std::string_view text) {
  auto bad = [&]() -> StoreError {
    return StoreError("cannot read PostgreSQL value '" + std::string(text) + "' of type " +
                      std::to_string(type));
  };
  switch (type) {
    case int2_oid:
    case int4_oid:
    case int8_oid: {
      std::int64_t n = 0;
      auto r = std::from_chars(text.data(), text.data() + text.size(), n);
      if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) throw bad();
      return n;
    }
    case float4_oid:
    case float8_oid:
    case numeric_oid: {
      double d = 0;
      auto r = std::from_chars(text.data(), text.data() + text.size(), d);
      if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) throw bad();
      return d;
    }
    case bool_oid: return std::int64_t{text == "t" ? 1 : 0};
    case bytea_oid: {
      auto bytes = from_bytea_hex(text);
      if (!bytes) throw StoreError("cannot read a PostgreSQL bytea value (not in the hex format)");
      return Blob{std::move(*bytes)};
    }
    default: return std::string(text);
  }
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(std::string url)
      : url_(std::move(url)), display_url_(redact_password(url_)) {
    connect();
  }
  ~PostgresConnection() override {
    if (conn_) PQfinish(conn_);
  }

  Dialect dialect() const override { return Dialect::postgres; }

  std::int64_t exec(std::string_view sql, std::span<const Value> params) override {
    Result r = execute(sql, params);
    std::string_view tuples = PQcmdTuples(r.get());
    std::int64_t n = 0;
    std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);  // "" (e.g. DDL) stays 0
    return n;
  }

  std::vector<Row> query(std::string_view sql, std::span<const Value> params) override {
    Result r = execute(sql, params);
    const int rows = PQntuples(r.get());
    const int columns = PQnfields(r.get());
    std::vector<Oid> types;
    for (int c = 0; c < columns; ++c) types.push_back(PQftype(r.get(), c));
    std::vector<Row> out;
    out.reserve(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(r.get(), i, c)) {
          values.emplace_back(nullptr);
          continue;
        }
        std::string_view text(PQgetvalue(r.get(), i, c), static_cast<std::size_t>(PQgetlength(r.get(), i, c)));
        values.push_back(convert(types[static_cast<std::size_t>(c)], text));
      }
      out.emplace_back(std::move(values));
    }
    return out;
  }

  void exec_script(std::string_view sql) override {
    ensure_connected();
    Result r(PQexec(conn_, std::string(sql).c_str()));
    check(r.get(), sql);
  }

  void begin() override {
    ensure_connected();
    Result r(PQexec(conn_, "BEGIN"));
    check(r.get(), "BEGIN");
    in_transaction_ = true;
  }

  void commit() override {
    // Whatever COMMIT answers, the transaction is over afterwards.
    in_transaction_ = false;
    Result r(PQexec(conn_, "COMMIT"));
    check(r.get(), "COMMIT");
    // After a failed statement PostgreSQL answers COMMIT with ROLLBACK and no
    // error; reporting success would lose the writes silently.
    if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK")
      throw StoreError("PostgreSQL: transaction was rolled back because a statement in it failed");
  }

  void rollback() override {
    in_transaction_ = false;
    if (PQstatus(conn_) != CONNECTION_OK) return;  // the server already dropped the transaction
    Result r(PQexec(conn_, "ROLLBACK"));
  }

 private:
  void connect() {
    // The URL is expanded as the dbname; the later keywords only add defaults.
    const char* keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
    const char* values[] = {url_.c_str(), "bluemeet", "UTF8", nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_) throw StoreError("cannot connect to PostgreSQL at " + display_url_ + ": out of memory");
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string why = scrub_password(trim(PQerrorMessage(conn_)), url_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError("cannot connect to PostgreSQL at " + display_url_ + ": " + why);
    }
    // NOTICEs ("relation already exists, skipping") would go to stderr.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }

  // A connection whose server went away (restart, terminated backend) only
  // learns it when it next reads. Read whatever arrived while we were idle:
  // the server's farewell message first, the EOF on a later read, so loop
  // while the socket stays readable. One poll() when nothing is pending.
  bool alive() {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return false;
    for (int reads = 0; reads < 8; ++reads) {
      pollfd p{PQsocket(conn_), POLLIN, 0};
      if (::poll(&p, 1, 0) <= 0) break;  // nothing pending (a poll error: let the statement find out)
      if (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK) break;
    }
    return PQstatus(conn_) == CONNECTION_OK;
  }

  void ensure_connected() {
    if (in_transaction_ || alive()) return;
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    prepared_.clear();  // prepared statements died with the session
    connect();
  }

  [[noreturn]] void fail(const PGresult* r, std::string_view sql) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    // The DETAIL field is left out on purpose: it quotes row values (e.g.
    // "Key (email)=(...) already exists"), which do not belong in logs.
    std::string message = primary ? primary : trim(PQerrorMessage(conn_));
    if (message.empty()) message = "unknown error";
    if (state) message += std::string(" (SQLSTATE ") + state + ")";
    bool constraint = state && std::string_view(state).starts_with("23");
    throw StoreError("PostgreSQL: " + scrub_password(message, url_) + " [in: " + sql_snippet(sql) + "]",
                     constraint);
  }

  void check(const PGresult* r, std::string_view sql) {
    ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, sql);
  }

  const Prepared& prepare(std::string_view sql) {
    if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
    if (prepared_.size() >= max_cached_statements && !in_transaction_) {
      Result r(PQexec(conn_, "DEALLOCATE ALL"));
      check(r.get(), "DEALLOCATE ALL");
      prepared_.clear();
    }
    RewrittenSql rewritten = rewrite_placeholders(sql);
    Prepared p{"bm_" + std::to_string(++statement_counter_), rewritten.parameters};
    Result r(PQprepare(conn_, p.name.c_str(), rewritten.sql.c_str(), 0, nullptr));
    check(r.get(), sql);
    return prepared_.emplace(std::string(sql), std::move(p)).first->second;
  }

  void forget(std::string_view sql) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) return;
    Result r(PQexec(conn_, ("DEALLOCATE " + it->second.name).c_str()));
    prepared_.erase(it);
  }

  Result execute(std::string_view sql, std::span<const Value> params) {
    ensure_connected();
    std::vector<std::string> texts(params.size());
    std::vector<const char*> pointers(params.size(), nullptr);
    // Blobs go in the binary format (their bytes as they are); everything else as text.
    std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::nullptr_t>(params[i])) continue;
      if (auto* s = std::get_if<std::string>(&params[i])) {
        pointers[i] = s->c_str();
      } else if (auto* b = std::get_if<Blob>(&params[i])) {
        if (b->bytes.size() > static_cast<std::size_t>(INT32_MAX)) throw StoreError("a blob parameter is too large");
        pointers[i] = b->bytes.data();
        lengths[i] = static_cast<int>(b->bytes.size());
        formats[i] = 1;
      } else {
        texts[i] = format_param(params[i]);
        pointers[i] = texts[i].c_str();
      }
    }
    for (int attempt = 0;; ++attempt) {
      const Prepared& p = prepare(sql);
      if (p.parameters != params.size())
        throw StoreError("statement has " + std::to_string(p.parameters) + " parameters, got " +
                         std::to_string(params.size()) + " [in: " + sql_snippet(sql) + "]");
      Result r(PQexecPrepared(conn_, p.name.c_str(), static_cast<int>(params.size()), pointers.data(),
                              lengths.data(), formats.data(), 0));
      ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
      // A prepared "SELECT *" whose table gained a column since it was
      // prepared (a migration by another gateway) fails once with 0A000;
      // preparing it afresh is all it takes. Not inside a transaction, which
      // the error has already aborted.
      const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
      if (attempt == 0 && !in_transaction_ && state && std::string_view(state) == "0A000") {
        forget(sql);
        continue;
      }
      fail(r.get(), sql);
    }
  }

  std::string url_;
  std::string display_url_;
  PGconn* conn_ = nullptr;
  bool in_transaction_ = false;
  std::uint64_t statement_counter_ = 0;
  std::unordered_map<std::string, Prepared, TransparentHash, std::equal_to<>> prepared_;
};

}  // namespace

std::unique_ptr<Connection> open_postgres_connection(const std::string& url) {
  return std::make_unique<PostgresConnection>(url);
}

}  // namespace bluemeet::store
