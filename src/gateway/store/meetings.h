// The mapping from a tenant's meetings to backend meetings on servers: one row
// per meeting the gateway created, kept after it ended (ended_at set). While a
// meeting is live, (tenant, meeting ID), its backend ID and its voice bridge
// are unique (partial unique indexes), so concurrent gateways racing to create
// one meeting, or to take one voice bridge, are decided by the database.
// Meetings are operational state: nothing here bumps config_version.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/connection.h"

namespace bluemeet::gateway::db {

struct MeetingRow {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::string meeting_id;                 // the tenant's meetingID
  std::string backend_id;                 // the meetingID the server sees
  std::optional<std::int64_t> server_id;  // empty: to be placed again (server removed or panicked)
  std::string voice_bridge;
  std::string create_params;  // form-encoded: all it takes to create it again elsewhere
  std::string internal_id;    // the server's internal meeting ID; empty until created there
  std::int64_t create_time = 0;  // the server's createTime (Unix ms); 0 until created there
  std::string callbacks = "{}";  // JSON: the tenant's own callback URLs (see encode_callbacks)
  std::int64_t created_at = 0;
  std::optional<std::int64_t> ended_at;  // empty while live
};

enum class InsertOutcome {
  inserted,
  meeting_exists,      // the tenant already has a live meeting with this meeting ID
  backend_id_taken,    // a live meeting already has this backend ID
  voice_bridge_taken,  // a live meeting already has this voice bridge: pick another
  over_limit,          // the tenant already has its maximum of live meetings (insert_meeting_within_limit)
};
struct Inserted {
  InsertOutcome outcome = InsertOutcome::inserted;
  std::int64_t id = 0;  // when inserted
};

// Inserts a live meeting (m.id and m.ended_at are ignored). A collision with
// a live meeting is an outcome, not an exception; a missing tenant or server
// (foreign key) still throws store::StoreError. Usable inside a transaction.
Inserted insert_meeting(store::Connection& c, const MeetingRow& m);
// As insert_meeting, in a transaction of its own that first counts the
// tenant's live meetings with the tenant's row locked (PostgreSQL; SQLite
// has one writer), so that concurrent creates, even on several gateways,
// cannot all pass the limit. max_meetings 0 is unlimited.
Inserted insert_meeting_within_limit(store::Connection& c, const MeetingRow& m, std::int64_t max_meetings);

std::optional<MeetingRow> get_meeting(store::Connection& c, std::int64_t id);  // live or ended
std::optional<MeetingRow> find_live_meeting(store::Connection& c, std::int64_t tenant_id,
                                            const std::string& meeting_id);
std::optional<MeetingRow> find_live_meeting_by_backend_id(store::Connection& c, const std::string& backend_id);
// A tenant's live meeting by the internal ID its server gave it (BBB 3.0's
// getMeetingInfo takes either ID).
std::optional<MeetingRow> find_live_meeting_by_internal_id(store::Connection& c, std::int64_t tenant_id,
                                                           const std::string& internal_id);
// The latest meeting (live or ended, on any server) with this backend ID:
// whose a recording is.
std::optional<MeetingRow> find_latest_meeting(store::Connection& c, const std::string& backend_id);
// The latest meeting (live or ended) with this backend ID on this server:
// whom a server's event about it concerns.
std::optional<MeetingRow> find_meeting_on_server(store::Connection& c, const std::string& backend_id,
                                                std::int64_t server_id);
std::vector<MeetingRow> list_live_meetings_by_tenant(store::Connection& c, std::int64_t tenant_id);  // by id
std::vector<MeetingRow> list_live_meetings_by_server(store::Connection& c, std::int64_t server_id);  // by id
// Every live meeting's backend ID, by tenant, in one query (for /metrics).
std::map<std::int64_t, std::vector<std::string>> live_backend_ids_by_tenant(store::Connection& c);
std::int64_t count_live_meetings(store::Connection& c, std::int64_t tenant_id);
bool voice_bridge_taken(store::Connection& c, const std::string& voice_bridge);

// Failover, as a compare-and-set: moves a live meeting to `to` only if it is
// still on `from` (empty: detached), and forgets its internal ID and create
// time (the new server assigns them). Of several gateways racing to move one
// meeting, exactly one gets true and should recreate it.
bool reassign_meeting(store::Connection& c, std::int64_t id, std::optional<std::int64_t> from, std::int64_t to);

// Records what the server answered to create, only if the live meeting is
// still on that server (a late answer after a failover changes nothing).
bool record_meeting_created(store::Connection& c, std::int64_t id, std::int64_t server_id,
                            const std::string& internal_id, std::int64_t create_time);
// Replaces a live meeting's create parameters (what a failover recreates it
// with), e.g. to pin the passwords its first server generated.
bool set_meeting_create_params(store::Connection& c, std::int64_t id, const std::string& create_params);

// Marks a live meeting ended; false if it already was (or does not exist).
bool end_meeting(store::Connection& c, std::int64_t id, std::int64_t ended_at);
// The poller's variant: ends it only while it is still on that server, so a
// poll that misses a meeting because it has just failed over ends nothing.
bool end_meeting_on_server(store::Connection& c, std::int64_t id, std::int64_t server_id, std::int64_t ended_at);

// Deletes meetings that ended before `before`; returns how many.
std::int64_t purge_ended_meetings(store::Connection& c, std::int64_t before);

// The tenant's intercepted callback URLs, by kind ("end", "analytics",
// "recording-ready", ...), as stored in MeetingRow::callbacks.
using Callbacks = std::map<std::string, std::string>;
std::string encode_callbacks(const Callbacks& callbacks);
// Lenient: text that is not a JSON object, and non-string values, are skipped.
Callbacks decode_callbacks(std::string_view json);

}  // namespace bluemeet::gateway::db
