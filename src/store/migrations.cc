// Store::migrate and Store::schema_version.
#include <algorithm>
#include <chrono>
#include <set>

#include "store/store.h"

namespace bluemeet::store {
namespace {

// Any fixed number works as long as every bluemeet process uses the same one;
// this is "bluemeet" in ASCII.
constexpr std::int64_t migration_lock_key = 0x626c75656d656574;

// Serialises migrating processes for the rest of the current transaction.
// SQLite needs nothing: BEGIN IMMEDIATE already holds the database's write lock.
void lock_schema(Connection& c) {
  if (c.dialect() == Dialect::postgres)
    c.query("SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock_key) + ")");
}

bool migrations_table_exists(Connection& c) {
  auto rows = c.dialect() == Dialect::postgres
                  ? c.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
                  : c.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  return rows.at(0).integer(0) != 0;
}

int applied_version(Connection& c) {
  if (!migrations_table_exists(c)) return 0;
  return static_cast<int>(c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").at(0).integer(0));
}

// A newer database was migrated by a newer bluemeet; running old code on it
// could corrupt data the old code does not understand.
void refuse_newer(Connection& c, int newest_known) {
  int found = applied_version(c);
  if (found > newest_known)
    throw StoreError("database schema version " + std::to_string(found) +
                     " is newer than this binary knows (" + std::to_string(newest_known) +
                     "); upgrade bluemeet");
}

std::int64_t unix_seconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

void Store::migrate(const std::vector<Migration>& migrations) {
  std::vector<const Migration*> ordered;
  for (const Migration& m : migrations) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->version < b->version; });
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    if (ordered[i]->version <= 0)
      throw StoreError("migration '" + ordered[i]->name + "' has version " +
                       std::to_string(ordered[i]->version) + "; versions start at 1");
    if (i > 0 && ordered[i]->version == ordered[i - 1]->version)
      throw StoreError("two migrations have version " + std::to_string(ordered[i]->version));
  }
  const int newest_known = ordered.empty() ? 0 : ordered.back()->version;

  run_sync([&](Connection& c) {
    {
      Transaction t(c);
      lock_schema(c);  // concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL
      c.exec_script(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER PRIMARY KEY,"
          " name TEXT NOT NULL,"
          " applied_at BIGINT NOT NULL)");
      t.commit();
    }
    refuse_newer(c, newest_known);

    std::set<std::int64_t> applied;
    for (const Row& r : c.query("SELECT version FROM schema_migrations")) applied.insert(r.integer(0));

    for (const Migration* m : ordered) {
      if (applied.contains(m->version)) continue;
      Transaction t(c);
      lock_schema(c);
      // Another process may have got here first while we waited for the lock.
      refuse_newer(c, newest_known);
      const std::vector<Value> version{std::int64_t{m->version}};
      if (!c.query("SELECT 1 FROM schema_migrations WHERE version = ?", version).empty()) continue;

      const bool use_postgres_sql = c.dialect() == Dialect::postgres && !m->sql_postgres.empty();
      try {
        c.exec_script(use_postgres_sql ? m->sql_postgres : m->sql);
      } catch (const StoreError& e) {
        throw StoreError("migration " + std::to_string(m->version) + " (" + m->name + ") failed: " + e.what(),
                         e.constraint());
      }
      const std::vector<Value> record{std::int64_t{m->version}, m->name, unix_seconds()};
      c.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", record);
      t.commit();
    }
  });
}

int Store::schema_version() {
  return run_sync([](Connection& c) { return applied_version(c); });
}

}  // namespace bluemeet::store
