// Recordings imported from the servers, each belonging to one tenant. Every
// tenant-facing function takes the tenant, so no call of one tenant reaches
// another's recordings. Files live on shared storage (see
// gateway/recording_importer.h); these rows decide what exists and is
// visible: a recording without its row is not shown, whatever the disk holds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "recording/metadata.h"
#include "recording/recordings_api.h"
#include "store/connection.h"

namespace bluemeet::gateway::db {

struct RecordingRow {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  recording::RecordingView view;  // formats' links are as the server wrote them
  bool publish_updated = false;
  std::int64_t imported_at = 0, updated_at = 0;
};

// The formats a recording has ("presentation", ...).
std::vector<std::string> format_names(const RecordingRow& r);
// Recordings that are not deleted, by tenant (for /metrics).
std::map<std::int64_t, std::int64_t> count_recordings_by_tenant(store::Connection& c);

// The recording with this record ID, whoever's it is.
std::optional<RecordingRow> get_recording(store::Connection& c, const std::string& record_id);

// Records one imported format of a recording for a tenant, inside the
// caller's transaction: creates the recording or refreshes it (keeping a
// publish state chosen through the API), replaces that format and sets the
// metadata keys it carries. A recording of another tenant with this record ID
// is refused with StoreError.
struct SavedFormat {
  bool published = false;  // where its files belong
  bool created = false;    // the recording is new (this is its first format)
};
SavedFormat save_imported_format(store::Connection& c, std::int64_t tenant_id, const recording::RecordingMeta& m,
                                 std::int64_t now);

// getRecordings: the tenant's recordings matching the query, newest first.
std::vector<RecordingRow> find_recordings(store::Connection& c, std::int64_t tenant_id,
                                          const recording::RecordingQuery& q);
// All recordings (operators), newest first, at most `limit`.
std::vector<RecordingRow> list_all_recordings(store::Connection& c, std::int64_t limit);
std::int64_t count_recordings(store::Connection& c, std::int64_t tenant_id);  // not deleted

// Of these record IDs, those that are the tenant's and not deleted.
std::vector<RecordingRow> tenant_recordings(store::Connection& c, std::int64_t tenant_id,
                                            const std::vector<std::string>& record_ids);
// Each takes effect on one recording found by tenant_recordings; false if it
// was deleted meanwhile.
bool set_recording_published(store::Connection& c, std::int64_t id, bool published, std::int64_t now);
bool mark_recording_deleted(store::Connection& c, std::int64_t id, std::int64_t now);
// updateRecordings: sets metadata (an empty value removes the key) and,
// when given, the protected flag.
bool update_recording(store::Connection& c, std::int64_t id,
                      const std::vector<std::pair<std::string, std::string>>& meta, std::optional<bool> is_protected,
                      std::int64_t now);

}  // namespace bluemeet::gateway::db
