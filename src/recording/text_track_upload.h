// putRecordingTextTrack's request, read the same way on the node and the
// gateway: what is checked before the recording is looked up (BBB's order:
// recordID, kind, lang, then a non-empty file) and after (the file is a
// caption file of a sensible size). Pure.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "bbb/no_recordings.h"
#include "bbb/query.h"
#include "recording/text_tracks.h"

namespace bluemeet::recording {

struct TrackUpload {
  std::string record_id;
  TextTrack track;        // lang normalised, label defaulting to it, source "upload", file named
  std::string_view data;  // the uploaded file, into the body
};

// The parameters come from the query, and from the multipart fields the
// query lacks (a servlet merges them; like a form body's they are unsigned).
std::variant<TrackUpload, bbb::Answer> read_track_upload(const bbb::Params& query, std::string_view content_type,
                                                         std::string_view body);

// The uploaded file as WebVTT (to_webvtt), or the refusal: over
// kMaxTextTrackBytes, or neither WebVTT nor SRT.
std::variant<std::string, bbb::Answer> upload_webvtt(std::string_view data);

// The track file a playback path asks for ("captions/<kind>_<lang>.vtt"
// under a recording's format): its name; nullopt for anything else.
std::optional<std::string> uploaded_track_file(std::string_view playback_file);

}  // namespace bluemeet::recording
