// Recording text tracks (captions and subtitles): what getRecordingTextTracks
// lists and putRecordingTextTrack stores, in BigBlueButton's shapes. A
// recording's tracks live in a directory of their own, as on a BBB server:
//
//   <captions>/<recordID>/<kind>_<lang>.vtt   one WebVTT file per (kind, lang)
//   <captions>/<recordID>/captions.json       [{"kind","label","lang","source"}]
//
// and a BBB server's presentation format may bring its live captions along
// (captions.json as [{"locale","localeName"}] with caption_<locale>.vtt).
// Pure: no files (see text_track_files.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bluemeet::recording {

// Hours of captions fit in far less; a bigger upload is not a caption file.
inline constexpr std::size_t kMaxTextTrackBytes = 4u << 20;
// Per recording: a track per language and kind, for every language there is.
inline constexpr std::size_t kMaxTextTracks = 200;

struct TextTrack {
  std::string kind;    // "subtitles" or "captions"
  std::string lang;    // BCP-47, "en-US"
  std::string label;   // shown to viewers
  std::string source;  // "upload" or "live"
  std::string file;    // the WebVTT file's name in its directory
};

// BCP-47 spelling of a lang parameter ("en_US" -> "en-US"), as BBB stores it.
std::string normalize_lang(std::string_view lang);
// "<kind>_<lang>.vtt": kind and lang are validated before (safe in a path).
std::string track_file_name(std::string_view kind, std::string_view lang);

// An uploaded file as WebVTT: WebVTT kept as it is, SRT converted (BBB
// converts with FFmpeg; SRT is what people have); line breaks normalised,
// byte-order mark dropped, invalid UTF-8 replaced. nullopt when it is
// neither (or SRT without a single cue).
std::optional<std::string> to_webvtt(std::string_view upload);

// captions.json as BBB's API writes it.
std::string captions_index_json(const std::vector<TextTrack>& tracks);
// Either captions.json shape; entries that are incomplete or unsafe as file
// names are skipped, and at most kMaxTextTracks are read.
std::vector<TextTrack> parse_captions_json(std::string_view text);
// Uploaded tracks first; an imported one with the same kind and lang is
// replaced by the upload, as BBB's caption inbox replaces it.
std::vector<TextTrack> merge_tracks(std::vector<TextTrack> uploaded, const std::vector<TextTrack>& imported);

// The answers (JSON, as BBB's RecordingController gives them).
std::string text_tracks_json(const std::vector<std::pair<TextTrack, std::string>>& tracks_and_hrefs);
std::string upload_success_json(std::string_view record_id);
std::string empty_upload_json();
std::string upload_failed_json(std::string_view message);

}  // namespace bluemeet::recording
