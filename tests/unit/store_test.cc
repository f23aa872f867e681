// Unit tests of src/store: pure helpers, then the Store's behaviour against
// SQLite (always) and PostgreSQL (when BLUEMEET_TEST_PG_URL is set).
//
// Running the PostgreSQL variant against a throwaway local cluster (as root;
// any free loopback port works):
//
//   su postgres -c "/usr/lib/postgresql/15/bin/initdb -D /tmp/pgtest -A trust -U postgres"
//   su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pgtest -l /tmp/pgtest.log
//       -o '-p 55432 -k /tmp -c listen_addresses=127.0.0.1' start"      (one line)
//   BLUEMEET_TEST_PG_URL=postgresql://postgres@127.0.0.1:55432/postgres ./unit_store
//   su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pgtest stop" && rm -rf /tmp/pgtest
//
// Each PostgreSQL test works in a schema of its own (created and dropped via
// a separate libpq connection), so the database may be shared.

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "backend_fixture.h"
#include "store/database_url.h"
#include "store/placeholders.h"
#include "store/store.h"

namespace bluemeet::store {
namespace {

using bluemeet::testing::Backend;
using bluemeet::testing::TempDir;

using namespace std::string_literals;
namespace asio = boost::asio;

// ---------------------------------------------------------------- pure parts

TEST(Placeholders, NumbersQuestionMarksInOrder) {
  auto r = rewrite_placeholders("INSERT INTO t (a, b) VALUES (?, ?)");
  EXPECT_EQ(r.sql, "INSERT INTO t (a, b) VALUES ($1, $2)");
  EXPECT_EQ(r.parameters, 2u);
}

TEST(Placeholders, LeavesQuotedTextAndCommentsAlone) {
  auto r = rewrite_placeholders("SELECT '?', \"odd?col\", 'it''s ?', ? -- why?\n, /* a ? /* nested ? */ ? */ ?");
  EXPECT_EQ(r.sql, "SELECT '?', \"odd?col\", 'it''s ?', $1 -- why?\n, /* a ? /* nested ? */ ? */ $2");
  EXPECT_EQ(r.parameters, 2u);
}

TEST(Placeholders, EscapeStringsAndDollarQuotes) {
  auto r = rewrite_placeholders(R"(SELECT E'\' ?', e'\\', ?)");
  EXPECT_EQ(r.sql, R"(SELECT E'\' ?', e'\\', $1)");
  r = rewrite_placeholders("SELECT $$ ? $$, $fn$ ? $$ ? $fn$, ?");
  EXPECT_EQ(r.sql, "SELECT $$ ? $$, $fn$ ? $$ ? $fn$, $1");
  // A '$' inside an identifier or before a digit opens no quote.
  r = rewrite_placeholders("SELECT a$b, $1, ?");
  EXPECT_EQ(r.sql, "SELECT a$b, $1, $1");
  EXPECT_EQ(r.parameters, 1u);
  // "name'" is not an escape string: the E must stand alone.
  r = rewrite_placeholders(R"(SELECT x FROM t WHERE name = 'a\' AND v = ?)");
  EXPECT_EQ(r.sql, R"(SELECT x FROM t WHERE name = 'a\' AND v = $1)");
}

TEST(Placeholders, UnterminatedQuoteSwallowsTheRest) {
  auto r = rewrite_placeholders("SELECT ?, 'oops ?");
  EXPECT_EQ(r.sql, "SELECT $1, 'oops ?");
  EXPECT_EQ(r.parameters, 1u);
}

TEST(DatabaseUrl, ChoosesTheBackend) {
  EXPECT_EQ(parse_database_url("sqlite:/var/lib/b.db").target, "/var/lib/b.db");
  EXPECT_EQ(parse_database_url("sqlite:///var/lib/b.db").target, "/var/lib/b.db");
  EXPECT_EQ(parse_database_url("sqlite:rel/b.db").target, "rel/b.db");
  EXPECT_EQ(parse_database_url("data/b.db").dialect, Dialect::sqlite);
  EXPECT_EQ(parse_database_url(":memory:").target, ":memory:");
  EXPECT_EQ(parse_database_url("postgresql://u@h/db").dialect, Dialect::postgres);
  EXPECT_EQ(parse_database_url("postgres://u@h/db").target, "postgres://u@h/db");
  EXPECT_THROW(parse_database_url(""), StoreError);
  EXPECT_THROW(parse_database_url("sqlite:"), StoreError);
  EXPECT_THROW(parse_database_url("postgresq://u:pw@h/db"), StoreError);
  try {
    parse_database_url("mysql://u:hunter2@h/db");
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
  }
}

TEST(DatabaseUrl, RedactsPasswords) {
  EXPECT_EQ(redact_password("postgresql://u:pw@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(redact_password("postgresql://u:p@ss@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(redact_password("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(redact_password("postgresql://h/db?password=x&sslmode=require"), "postgresql://h/db?sslmode=require");
  EXPECT_EQ(redact_password("postgresql://h/db?password=x"), "postgresql://h/db");
  EXPECT_EQ(redact_password("postgresql://u:pw@h"), "postgresql://u@h");
}

TEST(DatabaseUrl, ScrubsPasswordsFromMessages) {
  EXPECT_EQ(scrub_password("bad token p%40ss or p@ss", "postgresql://u:p%40ss@h/db"), "bad token *** or ***");
  EXPECT_EQ(scrub_password("x=s3 y", "postgresql://h/db?sslmode=disable&password=s3"), "x=*** y");
  EXPECT_EQ(scrub_password("nothing here", "postgresql://u@h/db"), "nothing here");
}

TEST(Row, AccessorsCheckTypes) {
  Row r({nullptr, std::int64_t{5}, 2.5, "x"s, 3.0, 1e300});
  EXPECT_TRUE(r.is_null(0));
  EXPECT_EQ(r.integer(1), 5);
  EXPECT_EQ(r.real(1), 5.0);  // integer widens to real
  EXPECT_EQ(r.real(2), 2.5);
  EXPECT_EQ(r.text(3), "x");
  EXPECT_EQ(r.opt_text(3), "x");
  EXPECT_EQ(r.opt_text(0), std::nullopt);
  EXPECT_EQ(r.integer(4), 3);  // an exact integral double is accepted (NUMERIC sums)

  EXPECT_THROW(r.integer(0), StoreError);  // NULL
  EXPECT_THROW(r.integer(2), StoreError);  // fractional
  EXPECT_THROW(r.integer(3), StoreError);  // text
  EXPECT_THROW(r.integer(5), StoreError);  // beyond 2^53
  EXPECT_THROW(r.real(3), StoreError);
  EXPECT_THROW(r.text(1), StoreError);
  EXPECT_THROW(r.text(0), StoreError);
  EXPECT_THROW(r.opt_text(1), StoreError);
  EXPECT_THROW(r[6], StoreError);
  EXPECT_THROW(r.is_null(6), StoreError);
}

// ----------------------------------------------------------- SQLite-specific

std::vector<Row> query(Store& s, const std::string& sql, std::vector<Value> params = {}) {
  return s.run_sync([&](Connection& c) { return c.query(sql, params); });
}
std::int64_t exec(Store& s, const std::string& sql, std::vector<Value> params = {}) {
  return s.run_sync([&](Connection& c) { return c.exec(sql, params); });
}

TEST(SqliteStore, UsesWalForeignKeysAndNormalSync) {
  TempDir dir;
  auto s = Store::open("sqlite:" + dir.file("b.db"));
  EXPECT_EQ(s->dialect(), Dialect::sqlite);
  EXPECT_EQ(query(*s, "PRAGMA journal_mode").at(0).text(0), "wal");
  EXPECT_EQ(query(*s, "PRAGMA foreign_keys").at(0).integer(0), 1);
  EXPECT_EQ(query(*s, "PRAGMA synchronous").at(0).integer(0), 1);  // NORMAL
  EXPECT_EQ(query(*s, "PRAGMA busy_timeout").at(0).integer(0), 5000);
  exec(*s, "CREATE TABLE t (v INTEGER)");  // the WAL file appears with the first write
  EXPECT_TRUE(std::filesystem::exists(dir.file("b.db-wal")));
}

TEST(SqliteStore, OpenErrorNamesThePath) {
  TempDir dir;
  const std::string path = dir.file("missing-dir/b.db");
  try {
    Store::open(path);
    FAIL() << "opened a database in a missing directory";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, InMemoryDatabaseWorks) {
  auto s = Store::open(":memory:");
  s->migrate({{1, "t", "CREATE TABLE t (v INTEGER)", ""}});
  EXPECT_EQ(s->schema_version(), 1);
}

TEST(PostgresStore, ConnectErrorHidesThePassword) {
  // Port 1 on loopback refuses at once; no server is needed.
  const std::string url = "postgresql://bm:s3cr%40t-pw@127.0.0.1:1/db?password=other-secret&connect_timeout=3";
  try {
    Store::open(url);
    FAIL() << "connected to port 1";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("s3cr"), std::string::npos) << what;
    EXPECT_EQ(what.find("other-secret"), std::string::npos) << what;
    EXPECT_NE(what.find("postgresql://bm@127.0.0.1:1/db"), std::string::npos) << what;
  }
}

// ---------------------------------------------------- both backends, by param

const std::vector<Migration> base_migrations = {
    {1, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL)", ""},
    {2, "seed", "INSERT INTO items (id, name, score) VALUES (1, 'first', 1.5)", ""},
};

class StoreTest : public bluemeet::testing::BackendTest {
 protected:
  std::unique_ptr<Store> open_migrated() {
    auto s = open();
    s->migrate(base_migrations);
    return s;
  }

  // Kills the store's server process the way a PostgreSQL restart would, and
  // waits until it is gone.
  void terminate_backend(std::int64_t pid) {
    EXPECT_EQ(admin_exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ", 5000)"), "t");
  }

};

TEST_P(StoreTest, MigrationsApplyOnceAcrossReopen) {
  {
    auto s = open();
    EXPECT_EQ(s->schema_version(), 0);
    s->migrate(base_migrations);
    EXPECT_EQ(s->schema_version(), 2);
    s->migrate(base_migrations);  // idempotent in one process
    EXPECT_EQ(query(*s, "SELECT COUNT(*) FROM items").at(0).integer(0), 1);
  }
  auto s = open();
  EXPECT_EQ(s->schema_version(), 2);
  s->migrate(base_migrations);
  EXPECT_EQ(query(*s, "SELECT COUNT(*) FROM items").at(0).integer(0), 1);

  auto more = base_migrations;
  more.push_back({3, "more", "INSERT INTO items (id, name) VALUES (2, 'second')", ""});
  s->migrate(more);
  EXPECT_EQ(s->schema_version(), 3);
  auto rows = query(*s, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].text(1), "more");
  EXPECT_GT(rows[2].integer(2), 1'600'000'000);
  EXPECT_EQ(query(*s, "SELECT COUNT(*) FROM items").at(0).integer(0), 2);
}

TEST_P(StoreTest, RefusesADatabaseNewerThanTheBinary) {
  auto more = base_migrations;
  more.push_back({3, "more", "CREATE TABLE extra (v INTEGER)", ""});
  open()->migrate(more);
  auto s = open();
  try {
    s->migrate(base_migrations);
    FAIL() << "migrated a newer database";
  } catch (const StoreError& e) {
    EXPECT_STREQ(e.what(), "database schema version 3 is newer than this binary knows (2); upgrade bluemeet");
  }
}

TEST_P(StoreTest, FailedMigrationLeavesNoTrace) {
  auto s = open_migrated();
  std::vector<Migration> broken = base_migrations;
  broken.push_back({3, "broken", "CREATE TABLE half (v INTEGER); INSERT INTO no_such_table VALUES (1)", ""});
  try {
    s->migrate(broken);
    FAIL() << "broken migration applied";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("migration 3 (broken) failed"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s->schema_version(), 2);
  EXPECT_THROW(query(*s, "SELECT * FROM half"), StoreError);  // its DDL was rolled back too
}

TEST_P(StoreTest, RejectsDuplicateMigrationVersions) {
  auto s = open();
  EXPECT_THROW(s->migrate({{1, "a", "SELECT 1", ""}, {1, "b", "SELECT 1", ""}}), StoreError);
  EXPECT_THROW(s->migrate({{0, "zero", "SELECT 1", ""}}), StoreError);
}

TEST_P(StoreTest, PostgresSqlReplacesSqlOnPostgres) {
  auto s = open();
  s->migrate({{1, "dialect", "CREATE TABLE d (v TEXT); INSERT INTO d VALUES ('sqlite')",
               "CREATE TABLE d (v TEXT); INSERT INTO d VALUES ('postgres')"}});
  EXPECT_EQ(query(*s, "SELECT v FROM d").at(0).text(0), postgres() ? "postgres" : "sqlite");
}

TEST_P(StoreTest, ConcurrentMigrationsApplyEachOnce) {
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < 4; ++i) stores.push_back(open());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (auto& s : stores)
    threads.emplace_back([&s, &failures] {
      try {
        s->migrate(base_migrations);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(query(*stores[0], "SELECT COUNT(*) FROM items").at(0).integer(0), 1);
  EXPECT_EQ(query(*stores[0], "SELECT COUNT(*) FROM schema_migrations").at(0).integer(0), 2);
}

TEST_P(StoreTest, ConstraintErrorsAreFlagged) {
  auto s = open_migrated();
  s->migrate({base_migrations[0], base_migrations[1],
              {3, "fk",
               "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
               "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id))",
               ""}});
  auto constraint_of = [&](const std::string& sql) -> std::optional<bool> {
    try {
      exec(*s, sql);
    } catch (const StoreError& e) {
      return e.constraint();
    }
    return std::nullopt;
  };
  EXPECT_EQ(constraint_of("INSERT INTO items (id, name) VALUES (1, 'dup-pk')"), true);
  EXPECT_EQ(constraint_of("INSERT INTO items (id, name) VALUES (7, 'first')"), true);    // UNIQUE
  EXPECT_EQ(constraint_of("INSERT INTO items (id, name) VALUES (8, NULL)"), true);       // NOT NULL
  EXPECT_EQ(constraint_of("INSERT INTO child (id, parent_id) VALUES (1, 42)"), true);    // FOREIGN KEY
  EXPECT_EQ(constraint_of("INSERT INTO nowhere VALUES (1)"), false);
  EXPECT_EQ(constraint_of("SELEC 1"), false);
  EXPECT_EQ(constraint_of("INSERT INTO items (id, name) VALUES (9, 'fine')"), std::nullopt);
}

TEST_P(StoreTest, TransactionsCommitOrRollBack) {
  auto s = open_migrated();
  EXPECT_THROW(s->run_sync([](Connection& c) {
                 Transaction t(c);
                 c.exec("INSERT INTO items (id, name) VALUES (10, 'doomed')");
                 throw std::runtime_error("caller gave up");
               }),
               std::runtime_error);
  EXPECT_TRUE(query(*s, "SELECT id FROM items WHERE id = 10").empty());

  s->run_sync([](Connection& c) {
    Transaction t(c);
    c.exec("INSERT INTO items (id, name) VALUES (11, 'kept')");
    t.commit();
  });
  EXPECT_EQ(query(*s, "SELECT name FROM items WHERE id = 11").at(0).text(0), "kept");

  // No commit() and no exception: the scope end rolls back.
  s->run_sync([](Connection& c) {
    Transaction t(c);
    c.exec("INSERT INTO items (id, name) VALUES (12, 'uncommitted')");
  });
  EXPECT_TRUE(query(*s, "SELECT id FROM items WHERE id = 12").empty());
}

TEST_P(StoreTest, CommitAfterAFailedStatementIsNotSilent) {
  if (!postgres()) GTEST_SKIP() << "SQLite rolls back only the failed statement; the rest commits";
  auto s = open_migrated();
  EXPECT_THROW(s->run_sync([](Connection& c) {
                 Transaction t(c);
                 c.exec("INSERT INTO items (id, name) VALUES (13, 'lost')");
                 try {
                   c.exec("INSERT INTO items (id, name) VALUES (1, 'dup')");
                 } catch (const StoreError&) {
                 }
                 t.commit();
               }),
               StoreError);
  EXPECT_TRUE(query(*s, "SELECT id FROM items WHERE id = 13").empty());
  EXPECT_EQ(query(*s, "SELECT COUNT(*) FROM items").at(0).integer(0), 1);  // connection still usable
}

TEST_P(StoreTest, ValuesRoundTrip) {
  auto s = open();
  s->migrate({{1, "vals", "CREATE TABLE vals (i BIGINT, t TEXT, d DOUBLE PRECISION)", ""}});
  const std::string tricky = "it's \"quoted\" ? – ünïcode";
  const std::string insert = "INSERT INTO vals (i, t, d) VALUES (?, ?, ?)";
  exec(*s, insert, {std::int64_t{INT64_MAX}, tricky, 0.1});
  exec(*s, insert, {std::int64_t{INT64_MIN}, "min"s, nullptr});
  exec(*s, insert, {nullptr, ""s, -1e300});
  auto rows = query(*s, "SELECT i, t, d FROM vals ORDER BY t");  // t is never NULL: same order everywhere
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].is_null(0));
  EXPECT_EQ(rows[0].text(1), "");
  EXPECT_EQ(rows[0].real(2), -1e300);
  EXPECT_EQ(rows[1].integer(0), INT64_MAX);
  EXPECT_EQ(rows[1].text(1), tricky);
  EXPECT_EQ(rows[1].real(2), 0.1);
  EXPECT_EQ(rows[2].integer(0), INT64_MIN);
  EXPECT_TRUE(rows[2].is_null(2));

  // '?' inside a literal is text; the one outside is the only parameter.
  auto r = query(*s, "SELECT '?', CAST(? AS TEXT), 1 = 1, 1.25", {"p"s}).at(0);
  EXPECT_EQ(r.text(0), "?");
  EXPECT_EQ(r.text(1), "p");
  EXPECT_EQ(r.integer(2), 1);  // PostgreSQL's boolean arrives as 0/1 too
  EXPECT_EQ(r.real(3), 1.25);
}

TEST_P(StoreTest, BlobsRoundTripAnyBytes) {
  auto s = open();
  s->migrate({{1, "blobs", "CREATE TABLE blobs (id BIGINT, b BLOB)", "CREATE TABLE blobs (id BIGINT, b BYTEA)"}});
  std::string bytes = "%PDF\0\xff\xfe\x80 not utf-8 \0"s;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  exec(*s, "INSERT INTO blobs (id, b) VALUES (?, ?)", {std::int64_t{1}, Blob{bytes}});
  exec(*s, "INSERT INTO blobs (id, b) VALUES (?, ?)", {std::int64_t{2}, Blob{}});
  auto rows = query(*s, "SELECT b, id FROM blobs ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].blob(0), bytes);
  EXPECT_EQ(rows[1].blob(0), "");
  EXPECT_THROW(rows[0].text(0), StoreError) << "bytes are not text";
  EXPECT_THROW(rows[0].blob(1), StoreError);
  // Found by a bound blob too.
  EXPECT_EQ(query(*s, "SELECT id FROM blobs WHERE b = ?", {Blob{bytes}}).at(0).integer(0), 1);
}

TEST_P(StoreTest, ExecCountsChangedRows) {
  auto s = open_migrated();
  exec(*s, "INSERT INTO items (id, name) VALUES (2, 'b'), (3, 'c')");
  EXPECT_EQ(exec(*s, "UPDATE items SET score = 9"), 3);
  EXPECT_EQ(exec(*s, "DELETE FROM items WHERE id > ?", {std::int64_t{1}}), 2);
  EXPECT_EQ(exec(*s, "CREATE TABLE other (v INTEGER)"), 0);
}

TEST_P(StoreTest, RowAccessorsThrowOnWrongTypes) {
  auto s = open_migrated();
  auto r = query(*s, "SELECT id, name, score, NULL FROM items WHERE id = 1").at(0);
  EXPECT_EQ(r.integer(0), 1);
  EXPECT_EQ(r.text(1), "first");
  EXPECT_EQ(r.real(2), 1.5);
  EXPECT_THROW(r.integer(1), StoreError);
  EXPECT_THROW(r.integer(2), StoreError);
  EXPECT_THROW(r.text(0), StoreError);
  EXPECT_THROW(r.text(3), StoreError);
  EXPECT_THROW(r.real(1), StoreError);
  EXPECT_THROW(r[4], StoreError);
}

TEST_P(StoreTest, BadStatementsAreRefusedBeforeRunning) {
  auto s = open_migrated();
  EXPECT_THROW(exec(*s, "UPDATE items SET score = ? WHERE id = ?", {1.0}), StoreError);
  EXPECT_THROW(exec(*s, "UPDATE items SET score = 1; DELETE FROM items"), StoreError);
  EXPECT_EQ(query(*s, "SELECT COUNT(*) FROM items").at(0).integer(0), 1);
  EXPECT_EQ(query(*s, "SELECT 1; -- trailing comment").at(0).integer(0), 1);
}

TEST_P(StoreTest, CachedStatementsSurviveSchemaChanges) {
  auto s = open_migrated();
  const std::string select_all = "SELECT * FROM items WHERE id = ?";
  EXPECT_EQ(query(*s, select_all, {std::int64_t{1}}).at(0).size(), 3u);
  s->run_sync([](Connection& c) { c.exec_script("ALTER TABLE items ADD COLUMN note TEXT"); });
  EXPECT_EQ(query(*s, select_all, {std::int64_t{1}}).at(0).size(), 4u);
}

// Completion handler for co_spawn that makes io_context::run() rethrow.
void rethrow(std::exception_ptr e) {
  if (e) std::rethrow_exception(e);
}

TEST_P(StoreTest, RunResumesTheCoroutineWithResultsAndErrors) {
  auto s = open_migrated();
  asio::io_context io;
  bool finished = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        const auto loop_thread = std::this_thread::get_id();
        std::int64_t n = co_await s->run([](Connection& c) { return c.query("SELECT 40 + 2").at(0).integer(0); });
        EXPECT_EQ(n, 42);
        EXPECT_EQ(std::this_thread::get_id(), loop_thread);

        co_await s->run([](Connection& c) { c.exec("INSERT INTO items (id, name) VALUES (20, 'from coroutine')"); });

        try {
          co_await s->run([](Connection& c) { return c.exec("INSERT INTO items (id, name) VALUES (20, 'again')"); });
          ADD_FAILURE() << "duplicate insert succeeded";
        } catch (const StoreError& e) {
          EXPECT_TRUE(e.constraint());
        }
        EXPECT_EQ(std::this_thread::get_id(), loop_thread);

        try {
          co_await s->run([](Connection&) -> int { throw std::logic_error("from the job"); });
          ADD_FAILURE() << "exception swallowed";
        } catch (const std::logic_error& e) {
          EXPECT_STREQ(e.what(), "from the job");
        }

        // Move-only results, and an owning callable passed by name.
        auto make = [owned = std::make_unique<int>(7)](Connection&) { return std::make_unique<int>(*owned); };
        auto p = co_await s->run(make);
        EXPECT_EQ(*p, 7);
        finished = true;
      },
      rethrow);
  io.run();
  EXPECT_TRUE(finished);
  EXPECT_EQ(query(*s, "SELECT name FROM items WHERE id = 20").at(0).text(0), "from coroutine");
}

TEST_P(StoreTest, ConcurrentRunsKeepTheirOrder) {
  auto s = open();
  s->migrate({{1, "log", "CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL)",
               "CREATE TABLE log (id BIGSERIAL PRIMARY KEY, seq INTEGER NOT NULL)"}});
  constexpr int n = 200;
  std::vector<int> order;  // appended to only on the worker thread
  int resumed = 0;
  asio::io_context io;
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          std::int64_t changed = co_await s->run([&order, i](Connection& c) {
            order.push_back(i);
            return c.exec("INSERT INTO log (seq) VALUES (?)", std::vector<Value>{std::int64_t{i}});
          });
          EXPECT_EQ(changed, 1);
          ++resumed;
        },
        rethrow);
  }
  io.run();
  EXPECT_EQ(resumed, n);
  std::vector<int> expected(n);
  for (int i = 0; i < n; ++i) expected[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(order, expected);
  auto rows = query(*s, "SELECT seq FROM log ORDER BY id");
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) EXPECT_EQ(rows[static_cast<std::size_t>(i)].integer(0), i);
}

TEST_P(StoreTest, DestructorFinishesQueuedWork) {
  auto s = open_migrated();
  constexpr int n = 20;
  std::atomic<int> ran{0};
  int resumed = 0;
  asio::io_context io;
  for (int i = 0; i < n; ++i)
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          co_await s->run([&ran](Connection& c) {
            c.query("SELECT 1");
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            ++ran;
          });
          ++resumed;
        },
        rethrow);
  io.poll();  // every coroutine hands its job over and suspends
  s.reset();
  EXPECT_EQ(ran, n);
  io.run();
  EXPECT_EQ(resumed, n);
}

TEST_P(StoreTest, RunSyncFromAJobThrowsInsteadOfDeadlocking) {
  auto s = open();
  EXPECT_THROW(s->run_sync([&](Connection&) { s->run_sync([](Connection&) {}); }), std::logic_error);
  EXPECT_EQ(query(*s, "SELECT 1").at(0).integer(0), 1);
}

TEST_P(StoreTest, ReconnectsAfterTheServerDropsTheConnection) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  auto s = open_migrated();
  const std::string cached = "SELECT name FROM items WHERE id = ?";
  const std::vector<Value> one{std::int64_t{1}};
  EXPECT_EQ(query(*s, cached, one).at(0).text(0), "first");
  std::int64_t pid = query(*s, "SELECT pg_backend_pid()").at(0).integer(0);

  terminate_backend(pid);
  EXPECT_EQ(query(*s, cached, one).at(0).text(0), "first");  // reconnected, re-prepared
  std::int64_t new_pid = query(*s, "SELECT pg_backend_pid()").at(0).integer(0);
  EXPECT_NE(new_pid, pid);

  // Inside a transaction nothing reconnects: the transaction is gone and says so.
  EXPECT_THROW(s->run_sync([&](Connection& c) {
                 Transaction t(c);
                 c.exec("INSERT INTO items (id, name) VALUES (30, 'in txn')");
                 terminate_backend(new_pid);
                 c.exec("INSERT INTO items (id, name) VALUES (31, 'after kill')");
                 t.commit();
               }),
               StoreError);
  EXPECT_TRUE(query(*s, "SELECT id FROM items WHERE id >= 30").empty());
  // ...and the next transaction starts on a fresh connection.
  s->run_sync([](Connection& c) {
    Transaction t(c);
    c.exec("INSERT INTO items (id, name) VALUES (32, 'fresh')");
    t.commit();
  });
  EXPECT_EQ(query(*s, "SELECT name FROM items WHERE id = 32").at(0).text(0), "fresh");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         bluemeet::testing::backend_name);

}  // namespace
}  // namespace bluemeet::store
