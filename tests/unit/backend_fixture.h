// What the storage tests share: a temporary directory, and a fixture that
// runs each test on SQLite (a fresh file) and on PostgreSQL (a fresh schema
// in the database of BLUEMEET_TEST_PG_URL; skipped when it is unset).
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "store/store.h"

namespace bluemeet::testing {

enum class Backend { sqlite, postgres };
inline void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::sqlite ? "SQLite" : "PostgreSQL"); }
inline std::string backend_name(const ::testing::TestParamInfo<Backend>& p) {
  return p.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

// A directory of its own, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("bluemeet_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite) {
      dir_.emplace();
      url_ = "sqlite:" + dir_->file("test.db");
      return;
    }
    const char* base = std::getenv("BLUEMEET_TEST_PG_URL");
    if (!base || !*base) GTEST_SKIP() << "set BLUEMEET_TEST_PG_URL to run the PostgreSQL variant";
    admin_ = PQconnectdb(base);
    ASSERT_EQ(PQstatus(admin_), CONNECTION_OK) << PQerrorMessage(admin_);
    PQsetNoticeProcessor(admin_, [](void*, const char*) {}, nullptr);  // "drop cascades to ..."
    static std::atomic<int> counter{0};
    schema_ = "bm_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin_exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    url_ = std::string(base) + (std::string_view(base).find('?') == std::string_view::npos ? "?" : "&") +
           "options=-c%20search_path%3D" + schema_;
  }

  void TearDown() override {
    if (admin_) {
      if (!schema_.empty()) admin_exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      PQfinish(admin_);
    }
  }

  bool postgres() const { return GetParam() == Backend::postgres; }
  std::unique_ptr<store::Store> open() { return store::Store::open(url_); }

  // Runs SQL on a connection of the test's own (PostgreSQL only); returns
  // the first value of the first row, if any.
  std::string admin_exec(const std::string& sql) {
    PGresult* r = PQexec(admin_, sql.c_str());
    ExecStatusType st = PQresultStatus(r);
    EXPECT_TRUE(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) << PQresultErrorMessage(r);
    std::string first = st == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    return first;
  }

  std::optional<TempDir> dir_;
  PGconn* admin_ = nullptr;
  std::string schema_;
  std::string url_;
};

}  // namespace bluemeet::testing
