// The media of a recorded meeting, as Janus leaves it in the raw recording's
// media/ directory (node/media_service.h), put on the meeting's timeline for
// the presentation playback (docs/recordings.md):
//
//   audio-<epochMs>.wav     the AudioBridge mix of one recorded stretch
//   videoroom-<room>-user-<feed>-<epochMicros>-video-<mid>.mjr
//                           one published webcam or screen of one stretch
//   media.jsonl             {"at","event":"recording-on","audioFile"},
//                           {"at","event":"recording-off"},
//                           {"at","event":"publisher","feed","userId","name","source"}
//
// A file still named ….tmp (Janus had not closed it) is read as the file
// without the suffix. Pure: names, notes, headers and argv; no files, no
// processes (node/recording_media.h runs the tools).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::recording {

// "x.wav.tmp" -> "x.wav"; other names unchanged.
std::string without_tmp_suffix(std::string_view name);

// The epoch ms in "audio-<epochMs>.wav" (optionally ".tmp"), nullopt for other names.
std::optional<std::int64_t> audio_file_epoch_ms(std::string_view name);

struct MjrName {
  std::uint64_t room = 0;
  std::uint64_t feed = 0;
  std::int64_t epoch_us = 0;
  std::string kind;  // "video", "audio", "data"
};
// "videoroom-<room>-user-<feed>-<epochMicros>-<kind>-<mid>.mjr" (optionally ".tmp").
std::optional<MjrName> parse_mjr_name(std::string_view name);

// The JSON header of a Janus recording (.mjr): "MJR00002", a 16-bit
// big-endian length, then {"t":"v"|"a"|"d","c":codec,"s":created µs,"u":first packet µs}.
struct MjrHeader {
  std::string type;   // "v", "a", "d"
  std::string codec;  // "vp8", "vp9", "h264", "av1", "opus", ...
  std::int64_t created_us = 0;
  std::int64_t first_packet_us = 0;  // 0 when absent (old recordings)
};
std::optional<MjrHeader> parse_mjr_header(std::string_view bytes);

struct Publisher {
  std::string user_id, name, source;  // source: "camera" or "screen"
};

struct MediaNotes {
  std::map<std::string, std::int64_t> audio_started;  // audioFile -> at (ms) of its recording-on
  std::map<std::uint64_t, Publisher> publishers;       // feed -> whose it is (the last note wins)
};
// media.jsonl; lines that do not parse (one cut by a crash) are skipped.
MediaNotes parse_media_notes(std::string_view jsonl);

// When a WAV of the mix began (Unix ms): the epoch in its name, taken just
// before Janus was asked to record, else its recording-on note.
std::optional<std::int64_t> audio_start_ms(std::string_view file_name, const MediaNotes& notes);

// When an .mjr's first packet was written (Unix ms): its header's "u", else
// "s", else the epoch in its name.
std::optional<std::int64_t> video_start_ms(const MjrHeader* header, const std::optional<MjrName>& name);

// The container janus-pp-rec writes a video codec into: "webm" (VP8, VP9,
// AV1), "mp4" (H.264, H.265), nullopt for the rest.
std::optional<std::string> video_container_for(std::string_view codec);

struct AudioPiece {
  std::string path;
  std::int64_t offset_ms = 0;  // on the meeting timeline; negative ones are cut at 0
};
// ffmpeg's argv (program path first) that lays the pieces on one Opus track
// of exactly duration_ms: each at its offset, silence elsewhere, in WebM.
std::vector<std::string> audio_mix_argv(const std::string& ffmpeg, const std::vector<AudioPiece>& pieces,
                                        std::int64_t duration_ms, const std::string& output);

// ffprobe's argv (program path first) that prints a file's duration in seconds.
std::vector<std::string> probe_duration_argv(const std::string& ffprobe, const std::string& file);
// The duration ffprobe printed, in ms; nullopt for "N/A" or garbage.
std::optional<std::int64_t> parse_probe_duration_ms(std::string_view output);

struct MediaTrack {
  std::string file;  // relative to the playback directory
  std::int64_t offset_ms = 0, duration_ms = 0;
};
struct VideoTrack : MediaTrack {
  Publisher owner;
};
// media.json: {"audio": {"file","offset","duration"} | null,
//              "videos": [{"file","offset","duration","userId","name","source"}]}
std::string media_manifest_json(const std::optional<MediaTrack>& audio, const std::vector<VideoTrack>& videos);

}  // namespace bluemeet::recording
