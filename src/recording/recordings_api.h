// The recording calls' protocol, independent of where recordings are kept:
// what getRecordings asks for, and the XML of its answer (BBB's element
// order, several formats under one <playback>, Scalelite's <protected>).
// Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bbb/query.h"
#include "recording/metadata.h"

namespace bluemeet::recording {

inline constexpr const char* kStates[] = {"processing", "processed", "published", "unpublished", "deleted"};
bool valid_state(std::string_view s);

struct RecordingQuery {
  std::vector<std::string> record_ids;   // prefixes; when given, meeting_ids are ignored (as BBB)
  std::vector<std::string> meeting_ids;  // exact, the caller's own meeting IDs
  std::set<std::string> states;          // empty: any state
  std::vector<std::pair<std::string, std::string>> meta;  // lower-cased key = value, all must match
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: no page (still capped by kMaxRecordingsPerAnswer)
};
inline constexpr std::int64_t kMaxRecordingsPerAnswer = 10'000;
inline constexpr std::size_t kMaxIdsPerQuery = 500;

// getRecordings' parameters: comma lists for recordID, meetingID and state
// (default published,unpublished; "any" for all), meta_* filters,
// offset >= 0, limit 1-100 (out of range: ignored, as BBB).
RecordingQuery parse_recording_query(const bbb::Params& params);
// recordID's comma list for publish/delete/update (trimmed, empties dropped, capped).
std::vector<std::string> split_ids(std::string_view list);

// The recordings publishRecordings, deleteRecordings, updateRecordings and
// getRecordingTextTracks act on; nullopt when the call is answered by its
// validation alone (bbb::no_recordings_answer). putRecordingTextTrack, which
// names one recording and carries a file, is not one of them: nullopt.
std::optional<std::vector<std::string>> target_record_ids(std::string_view call, const bbb::Params& params);
// updateRecordings' metadata: meta_* lower-cased; an empty value removes the key.
std::vector<std::pair<std::string, std::string>> metadata_updates(const bbb::Params& params);

struct RecordingView {
  std::string record_id, meeting_id, internal_meeting_id, name;
  bool breakout = false, published = false, is_protected = false;
  std::string state;
  std::int64_t start_time = 0, end_time = 0, participants = 0, raw_size = 0;
  std::vector<std::pair<std::string, std::string>> meta;
  std::vector<Playback> formats;  // link: the URL the caller is given
};

// Whether a recording matches a query's filters (for recordings kept in
// files rather than a database: the node's own).
bool matches(const RecordingView& r, const RecordingQuery& q);
// The query's page of recordings (already filtered), newest first.
std::vector<RecordingView> page(std::vector<RecordingView> matching, const RecordingQuery& q);

// "/playback/<format>/<recordID>/<file...>": the parts, with the file
// "index.html" when none is named; nullopt for anything that is not safe path
// components.
struct PlaybackPath {
  std::string format, record_id, file;
};
std::optional<PlaybackPath> parse_playback_path(std::string_view path);

// The getRecordings answer; with no recordings, BBB's noRecordings form.
std::string recordings_xml(const std::vector<RecordingView>& recordings);

}  // namespace bluemeet::recording
