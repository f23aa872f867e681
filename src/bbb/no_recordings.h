// BBB's answers to the recording calls when there are no recordings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bbb/query.h"

namespace bluemeet::bbb {

struct Answer {
  std::string body;
  bool json = false;
  static Answer xml(std::string b) { return Answer{std::move(b), false}; }
  static Answer json_body(std::string b) { return Answer{std::move(b), true}; }
};

// getRecordings, publishRecordings, deleteRecordings, updateRecordings,
// getRecordingTextTracks, putRecordingTextTrack: validation errors first,
// then "none" (noRecordings / notFound), with BBB's keys and formats.
Answer no_recordings_answer(std::string_view call, const Params& params);

// putRecordingTextTrack's parameter errors (JSON, BBB's order: recordID,
// kind, lang), or nullopt when recordID, kind and lang are usable.
std::optional<Answer> text_track_param_error(const Params& params);

}  // namespace bluemeet::bbb
