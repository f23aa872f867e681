// A recording's metadata.xml, as BigBlueButton writes it into each
// <format>/<recordID>/ directory and as Scalelite's importer reads it:
//
//   <recording><id/><state/><published/><start_time/><end_time/>
//     <participants/><raw_size/>
//     <meeting id="<internal>" externalId="<meetingID>" name="" breakout=""/>
//     <meta><isBreakout/><meetingId/><meetingName/><any-meta-key/>…</meta>
//     <playback><format/><link/><processing_time/><duration/><size/>
//       <extensions><preview><images><image width height alt>URL</image>…
//   </recording>
//
// Pure: parsing and writing, no files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bluemeet::recording {

struct PreviewImage {
  std::string url;
  std::string alt;
  int width = 0, height = 0;
};

struct Playback {
  std::string format;              // "presentation", "video", "podcast", ...
  std::string link;                // where the server published it
  std::int64_t processing_time = 0;  // ms
  std::int64_t duration_ms = 0;
  std::int64_t size = 0;           // bytes; 0 unknown
  std::vector<PreviewImage> images;
};

struct RecordingMeta {
  std::string record_id;       // the internal meeting ID: <sha1>-<ms>
  std::string meeting_id;      // the external meeting ID (meta meetingId)
  std::string internal_meeting_id;
  std::string name;
  std::string state = "published";  // "available" is read as published
  bool published = true;
  bool breakout = false;
  std::int64_t start_time = 0, end_time = 0;  // Unix ms
  std::int64_t participants = 0;
  std::int64_t raw_size = 0;
  std::vector<std::pair<std::string, std::string>> meta;  // the other <meta> children, in order
  Playback playback;
};

// nullopt with a reason in *error when the XML does not parse or lacks the
// recording's id, meeting ID or playback format, or names a format or id
// that could not be a directory name.
std::optional<RecordingMeta> parse_metadata_xml(std::string_view xml, std::string* error = nullptr);
std::string write_metadata_xml(const RecordingMeta& m);

// Record IDs and format names become directory names: only [A-Za-z0-9_.-],
// 1-128 characters, not "." or "..".
bool safe_path_component(std::string_view s);

}  // namespace bluemeet::recording
