// Text track files on disk, in BBB's captions layout (see text_tracks.h):
// <root>/<recordID>/<kind>_<lang>.vtt and captions.json. The directory is
// the recording's, not a format's, so that publishing (which moves format
// directories) and a re-import (which replaces them) leave tracks alone.
// Every write is a temporary file, fsync'ed, renamed over the old one: a
// reader or a crash sees the old file or the new one, never half of one.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "recording/text_tracks.h"

namespace bluemeet::recording {

// Writes `content` to `path` atomically (temp name in the same directory,
// fsync, rename, fsync of the directory). Throws std::filesystem::filesystem_error.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// The tracks listed by a captions.json file; none when it is missing,
// unreadable or over 1 MiB.
std::vector<TextTrack> read_captions_json(const std::filesystem::path& file);

class TextTrackFiles {
 public:
  explicit TextTrackFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // record_id must be a safe path component (callers have it from a row or a parsed path).
  std::filesystem::path dir(const std::string& record_id) const { return root_ / record_id; }
  // Each throws std::filesystem::filesystem_error.
  void write_track(const std::string& record_id, const std::string& file, std::string_view webvtt) const;
  void write_index(const std::string& record_id, const std::vector<TextTrack>& tracks) const;
  std::vector<TextTrack> read_index(const std::string& record_id) const {
    return read_captions_json(dir(record_id) / "captions.json");
  }
  // With the recording: quietly, nothing to do when there are none.
  void remove(const std::string& record_id) const;

 private:
  std::filesystem::path root_;
};

}  // namespace bluemeet::recording
