// The media part of a recording's processing (Recorder::process, on its
// worker thread): Janus's raw files (recording/media_timeline.h) become, in
// the presentation playback directory,
//
//   audio.webm       the mix, Opus, the whole meeting long (silence where
//                    recording was paused), offset 0 = the meeting's start
//   video/<n>.webm   one per recorded webcam or screen stretch (janus-pp-rec)
//   media.json       the manifest the player reads
//
// with ffmpeg, ffprobe and janus-pp-rec run as child processes (an argv, no
// shell), each bounded by a timeout past which it is killed. A part that
// fails is logged and left out; without the tools there is no media at all.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bluemeet::node {

struct ToolRun {
  bool started = false;    // false: it could not be started at all
  bool timed_out = false;  // killed past its timeout
  int status = -1;         // wait status
  std::string output;      // stdout and stderr, the first 64 KiB
  bool ok() const;         // started, in time, exit status 0
};

// Runs argv[0] with argv (no shell), its output into log_file (then read
// back), killing its process group when it outlasts timeout.
ToolRun run_tool(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                 const std::filesystem::path& log_file);

struct RecordingMedia {
  bool made = false;            // media.json written
  std::uint64_t raw_bytes = 0;  // the raw media's size, for raw_size
};

// From media_dir (the raw recording's media/) into playback_dir, for a
// meeting of [start_ms, end_ms]. Never throws: what fails is logged.
RecordingMedia make_recording_media(const std::filesystem::path& media_dir, const std::filesystem::path& playback_dir,
                                    std::int64_t start_ms, std::int64_t end_ms, const std::string& record_id);

}  // namespace bluemeet::node
