#include "portal/db/schema.h"

namespace bluemeet::portal::db {
namespace {

// Version 1. Notes on the choices:
// - users.email is kept lower-cased and unique: it is the sign-in name.
//   External identities (SAML, OIDC, LTI) will key on (issuer, subject) in a
//   table of their own, never on email.
// - roles.permissions is a comma list of permission names: a handful per
//   role, always read whole.
// - sessions.token_hash: the cookie carries a random token; only its
//   SHA-256 is stored, so a read of the database opens no session.
// - rooms.meeting_id is random and opaque (what the gateway sees), distinct
//   from the friendly ID in the room's URL; options is a JSON object.
// - recordings are the portal's own copy of what the gateway announced, so
//   lists need no call to the gateway; the gateway stays the truth for files.
constexpr std::string_view kVersion1 = R"SQL(
CREATE TABLE roles (
  id {id},
  name TEXT NOT NULL UNIQUE,
  permissions TEXT NOT NULL DEFAULT '',
  builtin BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE users (
  id {id},
  public_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'en',
  role_id BIGINT NOT NULL REFERENCES roles (id),
  verified BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'disabled')),
  created_at BIGINT NOT NULL,
  last_login BIGINT
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE rooms (
  id {id},
  friendly_id TEXT NOT NULL UNIQUE,
  meeting_id TEXT NOT NULL UNIQUE,
  owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  last_session BIGINT
);
CREATE INDEX rooms_owner ON rooms (owner_id);
CREATE TABLE room_shares (
  room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (room_id, user_id)
);
CREATE TABLE recordings (
  id {id},
  record_id TEXT NOT NULL UNIQUE,
  room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  visibility TEXT NOT NULL,
  start_time BIGINT NOT NULL DEFAULT 0,
  length_minutes BIGINT NOT NULL DEFAULT 0,
  participants BIGINT NOT NULL DEFAULT 0,
  formats TEXT NOT NULL DEFAULT '[]',
  updated_at BIGINT NOT NULL
);
CREATE INDEX recordings_room ON recordings (room_id);
CREATE TABLE attendance (
  id {id},
  room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  internal_meeting_id TEXT NOT NULL UNIQUE,
  started_at BIGINT NOT NULL DEFAULT 0,
  ended_at BIGINT NOT NULL DEFAULT 0,
  attendees TEXT NOT NULL DEFAULT '[]',
  received_at BIGINT NOT NULL
);
CREATE TABLE site_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO roles (name, permissions, builtin) VALUES
  ('Administrator', 'CreateRoom,ManageUsers,ManageRooms,ManageRecordings,ManageSiteSettings,ManageRoles,SharedList,CanRecord', 1),
  ('User', 'CreateRoom,SharedList,CanRecord', 1),
  ('Guest', '', 1);
)SQL";

// Version 2: mail. Tokens mailed to people (email verification, password
// reset) are stored by their SHA-256 and used once. Mails wait in a table
// until the SMTP server has them, so a restart or a mail server that is away
// loses none.
constexpr std::string_view kVersion2 = R"SQL(
CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX email_tokens_user ON email_tokens (user_id);
CREATE TABLE mails (
  id {id},
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mails_due ON mails (state, next_attempt_at);
)SQL";

// Version 3: invitations (registration by invitation). Like mailed tokens,
// an invitation's token is stored by its SHA-256 and works once.
constexpr std::string_view kVersion3 = R"SQL(
CREATE TABLE invitations (
  id {id},
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX invitations_email ON invitations (email);
)SQL";

// Version 4: external identities (auth/identity.h), one user to many.
constexpr std::string_view kVersion4 = R"SQL(
CREATE TABLE identities (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  method TEXT NOT NULL,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  UNIQUE (method, issuer, subject)
);
CREATE INDEX identities_user ON identities (user_id);
)SQL";

// Version 5: a room's default presentation (Greenlight's "presentation"
// room setting), one per room, sent with the meeting's create. Its bytes are
// kept in the database, so several portal instances share it, and go with
// the room when it is deleted.
constexpr std::string_view kVersion5 = R"SQL(
CREATE TABLE room_presentations (
  room_id BIGINT PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes {blob} NOT NULL,
  uploaded_at BIGINT NOT NULL,
  uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
)SQL";

// {blob}: SQLite's BLOB, PostgreSQL's BYTEA.
store::Migration with_blobs(int version, std::string name, std::string_view sql) {
  auto spell = [&](std::string_view type) {
    std::string out(sql);
    for (auto at = out.find("{blob}"); at != std::string::npos; at = out.find("{blob}", at)) out.replace(at, 6, type);
    return out;
  };
  return {version, std::move(name), spell("BLOB"), spell("BYTEA")};
}

}  // namespace

const std::vector<store::Migration>& portal_migrations() {
  static const std::vector<store::Migration> migrations{
      store::migration_with_ids(1, "roles, users, sessions, rooms, shares, recordings, attendance, settings", kVersion1),
      store::migration_with_ids(2, "email tokens and the mail queue", kVersion2),
      store::migration_with_ids(3, "invitations", kVersion3),
      store::migration_with_ids(4, "external identities", kVersion4),
      with_blobs(5, "room presentations", kVersion5),
  };
  return migrations;
}

}  // namespace bluemeet::portal::db
