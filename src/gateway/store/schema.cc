#include "gateway/store/schema.h"

#include <string>

#include "delivery/outbox.h"

namespace bluemeet::gateway::db {
namespace {

// The schema is written once for both dialects; its auto-incrementing id
// columns are spelled `{id}` (store::migration_with_ids).

// Version 1. Notes on the choices:
// - tenant_secrets.secret is unique across tenants, not only within one: a
//   tenant that knew another's secret could speak for it (under its host or
//   /t/ prefix), and --tenant-by-secret needs a secret to name one tenant.
// - meetings.tenant_id has no ON DELETE CASCADE: remove_tenant deletes the
//   ended meetings itself and the foreign key refuses to drop live ones, even
//   one created concurrently. server_id is SET NULL on a server's removal:
//   such meetings are placed again on their next use (failover).
// - The live-meeting keys are partial unique indexes (WHERE ended_at IS
//   NULL): ended meetings stay as history without blocking reuse of their
//   meeting ID, backend ID or voice bridge.
// - deliveries has exactly the columns of delivery::kDeliveriesTableSql, so
//   the shared delivery::Outbox works on it; only its id differs, because
//   that DDL's INTEGER PRIMARY KEY auto-increments on SQLite alone.
constexpr std::string_view kVersion1 = R"SQL(
CREATE TABLE tenants (
  id {id},
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 63 AND name = lower(name)),
  state TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'testing', 'active', 'suspended')),
  max_meetings BIGINT NOT NULL DEFAULT 0 CHECK (max_meetings >= 0),
  max_participants_per_meeting BIGINT NOT NULL DEFAULT 0 CHECK (max_participants_per_meeting >= 0),
  max_participants BIGINT NOT NULL DEFAULT 0 CHECK (max_participants >= 0),
  default_params TEXT NOT NULL DEFAULT '',
  forced_params TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE tenant_secrets (
  id {id},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  secret TEXT NOT NULL UNIQUE CHECK (length(secret) > 0),
  created_at BIGINT NOT NULL
);
CREATE INDEX tenant_secrets_tenant ON tenant_secrets (tenant_id);

CREATE TABLE servers (
  id {id},
  url TEXT NOT NULL UNIQUE,
  secret TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '',
  multiplier DOUBLE PRECISION NOT NULL DEFAULT 1.0 CHECK (multiplier > 0),
  capacity BIGINT NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  admin_state TEXT NOT NULL DEFAULT 'enabled' CHECK (admin_state IN ('enabled', 'cordoned', 'disabled')),
  health TEXT NOT NULL DEFAULT 'offline' CHECK (health IN ('online', 'unstable', 'offline')),
  meetings BIGINT NOT NULL DEFAULT 0,
  participants BIGINT NOT NULL DEFAULT 0,
  polled_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE meetings (
  id {id},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  meeting_id TEXT NOT NULL,
  backend_id TEXT NOT NULL,
  server_id BIGINT REFERENCES servers (id) ON DELETE SET NULL,
  voice_bridge TEXT NOT NULL,
  create_params TEXT NOT NULL,
  internal_id TEXT NOT NULL DEFAULT '',
  create_time BIGINT NOT NULL DEFAULT 0,
  callbacks TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE UNIQUE INDEX meetings_live_meeting_id ON meetings (tenant_id, meeting_id) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX meetings_live_backend_id ON meetings (backend_id) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX meetings_live_voice_bridge ON meetings (voice_bridge) WHERE ended_at IS NULL;
CREATE INDEX meetings_tenant ON meetings (tenant_id);
CREATE INDEX meetings_server ON meetings (server_id);
CREATE INDEX meetings_ended ON meetings (ended_at) WHERE ended_at IS NOT NULL;

CREATE TABLE config_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO config_version (id, version) VALUES (1, 1);

CREATE TABLE deliveries (
  id {id},
  kind TEXT NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  next_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
)SQL";

// Version 2:
// - hooks: tenants' webhook subscriptions (bbb-webhooks' hooks/create),
//   relayed from the servers' events. One per (tenant, URL, meeting) as
//   bbb-webhooks refuses duplicates; they go with their tenant.
// - deliveries gain a lease (delivery::kDeliveriesLeaseSql), so that several
//   gateways on one database share the outbox without sending twice.
// - settings: values every gateway on the database must agree on, such as
//   the key that signs the callback URLs given to servers.
constexpr std::string_view kVersion2 = R"SQL(
CREATE TABLE hooks (
  id {id},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  callback_url TEXT NOT NULL CHECK (length(callback_url) BETWEEN 1 AND 2048),
  meeting_id TEXT NOT NULL DEFAULT '',
  event_ids TEXT NOT NULL DEFAULT '',
  raw INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX hooks_subscription ON hooks (tenant_id, callback_url, meeting_id);

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)SQL";

// Version 3: recordings, imported from servers' tars, each its tenant's (no
// cascade: a tenant with recordings cannot be removed until they are
// deleted). state and published always agree for published/unpublished;
// publish_updated remembers that a tenant or operator chose, so that a
// re-import does not undo the choice. Formats and metadata go with their
// recording.
constexpr std::string_view kVersion3 = R"SQL(
CREATE TABLE recordings (
  id {id},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  record_id TEXT NOT NULL UNIQUE,
  meeting_id TEXT NOT NULL,
  internal_meeting_id TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'processed', 'published', 'unpublished', 'deleted')),
  published INTEGER NOT NULL,
  protected INTEGER NOT NULL DEFAULT 0,
  publish_updated INTEGER NOT NULL DEFAULT 0,
  breakout INTEGER NOT NULL DEFAULT 0,
  start_time BIGINT NOT NULL,
  end_time BIGINT NOT NULL,
  participants BIGINT NOT NULL,
  raw_size BIGINT NOT NULL,
  imported_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX recordings_tenant_meeting ON recordings (tenant_id, meeting_id);
CREATE INDEX recordings_tenant_start ON recordings (tenant_id, start_time);

CREATE TABLE recording_formats (
  id {id},
  recording_id BIGINT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  link TEXT NOT NULL,
  processing_time BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL,
  size BIGINT NOT NULL,
  images TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX recording_formats_one ON recording_formats (recording_id, format);

CREATE TABLE recording_metadata (
  id {id},
  recording_id BIGINT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE UNIQUE INDEX recording_metadata_one ON recording_metadata (recording_id, name);
CREATE INDEX recording_metadata_match ON recording_metadata (name, value);
)SQL";

// Version 4: text tracks uploaded for recordings (putRecordingTextTrack),
// one per (recording, kind, lang) as BBB keeps one file per pair; they go
// with their recording. Their files live on the recordings storage.
constexpr std::string_view kVersion4 = R"SQL(
CREATE TABLE recording_text_tracks (
  id {id},
  recording_id BIGINT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('subtitles', 'captions')),
  lang TEXT NOT NULL CHECK (length(lang) BETWEEN 2 AND 35),
  label TEXT NOT NULL,
  source TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX recording_text_tracks_one ON recording_text_tracks (recording_id, kind, lang);
)SQL";

// Version 5: the documents of live meetings (create's <modules> body and
// insertDocument's), which a failover gives to the meeting's next server.
constexpr std::string_view kVersion5 = R"SQL(
CREATE TABLE meeting_documents (
  id {id},
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  call TEXT NOT NULL CHECK (call IN ('create', 'insertDocument')),
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX meeting_documents_meeting ON meeting_documents (meeting_id);
)SQL";

}  // namespace

const std::vector<store::Migration>& gateway_migrations() {
  static const std::vector<store::Migration> migrations = [] {
    auto v2 = store::migration_with_ids(2, "hooks, delivery leases, settings", kVersion2);
    v2.sql += delivery::kDeliveriesLeaseSql;
    v2.sql_postgres += delivery::kDeliveriesLeaseSql;
    return std::vector<store::Migration>{
        store::migration_with_ids(1, "tenants, servers, meetings, config_version, deliveries", kVersion1), v2,
        store::migration_with_ids(3, "recordings", kVersion3),
        store::migration_with_ids(4, "recording text tracks", kVersion4),
        store::migration_with_ids(5, "meeting documents", kVersion5)};
  }();
  return migrations;
}

std::int64_t config_version(store::Connection& c) {
  return c.query("SELECT version FROM config_version WHERE id = 1").at(0).integer(0);
}

std::int64_t bump_config_version(store::Connection& c) {
  return c.query("UPDATE config_version SET version = version + 1 WHERE id = 1 RETURNING version").at(0).integer(0);
}

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::done: return "done";
    case Outcome::not_found: return "not found";
    case Outcome::name_taken: return "name already taken";
    case Outcome::secret_taken: return "secret already in use";
    case Outcome::url_taken: return "URL already taken";
    case Outcome::last_secret: return "a tenant keeps at least one secret";
    case Outcome::live_meetings: return "the tenant still has running meetings";
    case Outcome::has_recordings: return "the tenant still has recordings (delete them first)";
  }
  return "unknown";
}

}  // namespace bluemeet::gateway::db
