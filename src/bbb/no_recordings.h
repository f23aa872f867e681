// BBB's answers to the recording calls when there are no recordings.
#pragma once

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

}  // namespace bluemeet::bbb
