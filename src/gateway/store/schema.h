// The gateway's database: its schema (one set of migrations for SQLite and
// PostgreSQL) and the config_version row that tells running gateways an
// administrator changed something.
//
// Conventions of every table: ids BIGINT (SQLite: INTEGER PRIMARY KEY
// AUTOINCREMENT; PostgreSQL: BIGINT identity), never reused; times BIGINT
// Unix milliseconds, passed in by the caller; booleans INTEGER 0/1; limits
// and capacities 0 = unlimited.
//
// Every function here and in tenants.h, servers.h, meetings.h is a plain
// function on a store::Connection, meant to run inside Store::run or
// Store::run_sync (on the store's worker thread).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/connection.h"
#include "store/store.h"

namespace bluemeet::gateway::db {

const std::vector<store::Migration>& gateway_migrations();

// The current configuration version. Cheap: one row by primary key, meant to
// be polled (twice a second) by every running gateway.
std::int64_t config_version(store::Connection& c);

// Increments config_version and returns the new value. The admin functions of
// tenants.h and servers.h call it themselves, first thing in their own
// transaction; call it directly only when changing configuration tables with
// SQL of your own, inside your own store::Transaction. Taking the row's lock
// first also serialises concurrent admin changes on PostgreSQL, which the
// checks that read before they write (the last secret) rely on.
std::int64_t bump_config_version(store::Connection& c);

// How an administrative change ended. Anything but `done` changed nothing
// (and did not bump config_version).
enum class Outcome {
  done,
  not_found,      // no such tenant, server or secret
  name_taken,     // another tenant has this name
  secret_taken,   // a tenant (this one or another) already has this secret
  url_taken,      // another server has this URL
  last_secret,    // a tenant keeps at least one secret
  live_meetings,  // the tenant still has meetings that have not ended
  has_recordings, // the tenant still has recordings (delete them first)
};
std::string_view outcome_name(Outcome o);  // "done", "not found", ... for messages

// add_tenant and add_server: the new row's id when outcome is done.
struct Added {
  Outcome outcome = Outcome::done;
  std::int64_t id = 0;
};

}  // namespace bluemeet::gateway::db
