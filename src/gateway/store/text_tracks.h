// Text tracks uploaded for recordings (putRecordingTextTrack). A track
// belongs to a recording row, which belongs to a tenant: callers find the
// recording with tenant_recordings first, so no tenant reaches another's.
// The row says a track exists; its WebVTT file is written before the row
// (recording/text_track_files.h), so a listed track always has its file.
#pragma once

#include <cstdint>
#include <vector>

#include "recording/text_tracks.h"
#include "store/connection.h"

namespace bluemeet::gateway::db {

// A recording's uploaded tracks, by kind then lang (file names filled in).
std::vector<recording::TextTrack> list_text_tracks(store::Connection& c, std::int64_t recording_id);

enum class TrackPut { stored, no_recording, too_many };
// Adds the track or replaces the one of the same kind and lang; refuses a
// recording deleted meanwhile and a new track beyond kMaxTextTracks.
TrackPut put_text_track(store::Connection& c, std::int64_t recording_id, const recording::TextTrack& t,
                        std::int64_t now);

}  // namespace bluemeet::gateway::db
