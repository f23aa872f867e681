// The node's own recordings, as a BigBlueButton server keeps them: files
// under <data>/recordings/{published,unpublished}/<format>/<recordID>/ with
// their metadata.xml, which is the truth (no database), read when asked.
// The recording calls and playback on the node answer from here; the copy
// handed to the gateway's spool is the gateway's to manage.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recording/recordings_api.h"
#include "recording/text_track_files.h"

namespace bluemeet::node {

class LocalRecordings {
 public:
  LocalRecordings(std::filesystem::path root, std::string public_url)
      : root_(std::move(root)), public_url_(std::move(public_url)) {}

  // Every recording (formats merged), with playback links on this node.
  std::vector<recording::RecordingView> all() const;
  bool exists(const std::string& record_id) const { return !dirs_of(record_id).empty(); }
  // Each is false when there is no such recording.
  bool publish(const std::string& record_id, bool published) const;
  bool remove(const std::string& record_id) const;
  bool update(const std::string& record_id, const std::vector<std::pair<std::string, std::string>>& meta) const;
  // A published recording's file, if there is one (its uploaded text tracks
  // under captions/ of the format that lists them).
  std::optional<std::filesystem::path> playback_file(const recording::PlaybackPath& p) const;

  // Text tracks, as a BBB server keeps them: <root>/captions/<recordID>/,
  // whose captions.json is the truth. Uploaded tracks, then the live
  // captions of the presentation format, each with its href on this node.
  std::vector<std::pair<recording::TextTrack, std::string>> text_tracks(const std::string& record_id) const;
  enum class TrackPut { stored, no_recording, too_many };
  // The file, then captions.json (both atomic). Throws std::filesystem::filesystem_error.
  TrackPut put_text_track(const std::string& record_id, const recording::TextTrack& t, std::string_view webvtt) const;

  // Where a recording's format goes when made (published).
  std::filesystem::path published_dir(const std::string& format, const std::string& record_id) const {
    return root_ / "published" / format / record_id;
  }

 private:
  // The directories of a recording's formats: (dir, published).
  std::vector<std::pair<std::filesystem::path, bool>> dirs_of(const std::string& record_id) const;
  recording::TextTrackFiles track_files() const { return recording::TextTrackFiles(root_ / "captions"); }
  // The format whose playback path serves uploaded tracks: presentation when there is one.
  std::string tracks_format(const std::vector<std::pair<std::filesystem::path, bool>>& dirs) const;

  std::filesystem::path root_;
  std::string public_url_;
};

}  // namespace bluemeet::node
