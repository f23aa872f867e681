#include "recording/media_timeline.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdio>

namespace json = boost::json;

namespace bluemeet::recording {
namespace {

template <typename T>
std::optional<T> number_of(std::string_view s) {
  T v{};
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> int_of(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64()) return static_cast<std::int64_t>(it->value().as_uint64());
  return std::nullopt;
}

std::string string_of(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

// Seconds with millisecond precision, as ffmpeg's duration options take them.
std::string seconds(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ms / 1000), static_cast<long long>(ms % 1000));
  return buf;
}

}  // namespace

std::string without_tmp_suffix(std::string_view name) {
  if (name.ends_with(".tmp")) name.remove_suffix(4);
  return std::string(name);
}

std::optional<std::int64_t> audio_file_epoch_ms(std::string_view name) {
  auto n = without_tmp_suffix(name);
  std::string_view v = n;
  if (!v.starts_with("audio-") || !v.ends_with(".wav")) return std::nullopt;
  v.remove_prefix(6);
  v.remove_suffix(4);
  return number_of<std::int64_t>(v);
}

std::optional<MjrName> parse_mjr_name(std::string_view name) {
  auto n = without_tmp_suffix(name);
  std::string_view v = n;
  if (!v.starts_with("videoroom-") || !v.ends_with(".mjr")) return std::nullopt;
  v.remove_prefix(10);
  v.remove_suffix(4);
  // <room>-user-<feed>-<epochMicros>-<kind>-<mid>
  std::vector<std::string_view> parts;
  while (true) {
    auto dash = v.find('-');
    parts.push_back(v.substr(0, dash));
    if (dash == std::string_view::npos) break;
    v.remove_prefix(dash + 1);
  }
  if (parts.size() < 6 || parts[1] != "user") return std::nullopt;
  MjrName r;
  auto room = number_of<std::uint64_t>(parts[0]);
  auto feed = number_of<std::uint64_t>(parts[2]);
  auto at = number_of<std::int64_t>(parts[3]);
  if (!room || !feed || !at) return std::nullopt;
  r.room = *room;
  r.feed = *feed;
  r.epoch_us = *at;
  r.kind = std::string(parts[4]);
  return r;
}

std::optional<MjrHeader> parse_mjr_header(std::string_view bytes) {
  if (bytes.size() < 10 || !bytes.starts_with("MJR0000")) return std::nullopt;
  const auto len = static_cast<std::size_t>((static_cast<unsigned char>(bytes[8]) << 8) | static_cast<unsigned char>(bytes[9]));
  if (len == 0 || bytes.size() < 10 + len) return std::nullopt;
  boost::system::error_code ec;
  auto v = json::parse(bytes.substr(10, len), ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  MjrHeader h;
  h.type = string_of(o, "t");
  h.codec = string_of(o, "c");
  h.created_us = int_of(o, "s").value_or(0);
  h.first_packet_us = int_of(o, "u").value_or(0);
  if (h.type.empty()) return std::nullopt;
  return h;
}

MediaNotes parse_media_notes(std::string_view jsonl) {
  MediaNotes notes;
  while (!jsonl.empty()) {
    auto nl = jsonl.find('\n');
    auto line = jsonl.substr(0, nl);
    jsonl = nl == std::string_view::npos ? std::string_view{} : jsonl.substr(nl + 1);
    boost::system::error_code ec;
    auto v = json::parse(line, ec);
    if (ec || !v.is_object()) continue;
    const auto& o = v.as_object();
    auto event = string_of(o, "event");
    if (event == "recording-on") {
      auto at = int_of(o, "at");
      auto file = string_of(o, "audioFile");
      if (at && !file.empty()) notes.audio_started[file] = *at;
    } else if (event == "publisher") {
      auto feed = int_of(o, "feed");
      if (!feed || *feed < 0) continue;
      notes.publishers[static_cast<std::uint64_t>(*feed)] =
          Publisher{string_of(o, "userId"), string_of(o, "name"), string_of(o, "source")};
    }
  }
  return notes;
}

std::optional<std::int64_t> audio_start_ms(std::string_view file_name, const MediaNotes& notes) {
  if (auto at = audio_file_epoch_ms(file_name)) return at;
  auto it = notes.audio_started.find(without_tmp_suffix(file_name));
  if (it != notes.audio_started.end()) return it->second;
  return std::nullopt;
}

std::optional<std::int64_t> video_start_ms(const MjrHeader* header, const std::optional<MjrName>& name) {
  if (header && header->first_packet_us > 0) return header->first_packet_us / 1000;
  if (header && header->created_us > 0) return header->created_us / 1000;
  if (name && name->epoch_us > 0) return name->epoch_us / 1000;
  return std::nullopt;
}

std::optional<std::string> video_container_for(std::string_view codec) {
  if (codec == "vp8" || codec == "vp9" || codec == "av1") return "webm";
  if (codec == "h264" || codec == "h265") return "mp4";
  return std::nullopt;
}

std::vector<std::string> audio_mix_argv(const std::string& ffmpeg, const std::vector<AudioPiece>& pieces,
                                        std::int64_t duration_ms, const std::string& output) {
  std::vector<std::string> argv{ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"};
  for (const auto& p : pieces) {
    // Janus fixes a WAV's sizes when it closes it: an unclosed one is read to its end.
    argv.insert(argv.end(), {"-ignore_length", "1", "-i", p.path});
  }
  std::string graph;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    graph += "[" + std::to_string(i) + ":a]aformat=sample_rates=48000:channel_layouts=mono";
    if (p.offset_ms > 0) graph += ",adelay=delays=" + std::to_string(p.offset_ms) + ":all=1";
    if (p.offset_ms < 0) graph += ",atrim=start=" + seconds(-p.offset_ms) + ",asetpts=PTS-STARTPTS";
    graph += pieces.size() == 1 ? "," : "[a" + std::to_string(i) + "];";
  }
  if (pieces.size() > 1) {
    for (std::size_t i = 0; i < pieces.size(); ++i) graph += "[a" + std::to_string(i) + "]";
    graph += "amix=inputs=" + std::to_string(pieces.size()) + ":duration=longest:normalize=0,";
  }
  const auto d = seconds(duration_ms);
  graph += "atrim=end=" + d + ",apad=whole_dur=" + d + "[out]";
  argv.insert(argv.end(), {"-filter_complex", graph, "-map", "[out]", "-c:a", "libopus", "-b:a", "32k", "-f", "webm",
                           output});
  return argv;
}

std::vector<std::string> probe_duration_argv(const std::string& ffprobe, const std::string& file) {
  return {ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file};
}

std::optional<std::int64_t> parse_probe_duration_ms(std::string_view output) {
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r' || output.back() == ' '))
    output.remove_suffix(1);
  while (!output.empty() && (output.front() == ' ' || output.front() == '\n')) output.remove_prefix(1);
  auto dot = output.find('.');
  auto whole = number_of<std::int64_t>(output.substr(0, dot));
  if (!whole || *whole < 0) return std::nullopt;
  std::int64_t ms = *whole * 1000;
  if (dot != std::string_view::npos) {
    auto frac = output.substr(dot + 1);
    if (frac.empty() || !number_of<std::uint64_t>(frac)) return std::nullopt;
    std::int64_t scale = 100;
    for (std::size_t i = 0; i < frac.size() && scale > 0; ++i, scale /= 10) ms += (frac[i] - '0') * scale;
  }
  return ms;
}

std::string media_manifest_json(const std::optional<MediaTrack>& audio, const std::vector<VideoTrack>& videos) {
  json::object o;
  if (audio)
    o["audio"] = json::object{{"file", audio->file}, {"offset", audio->offset_ms}, {"duration", audio->duration_ms}};
  else
    o["audio"] = nullptr;
  json::array vs;
  for (const auto& v : videos)
    vs.emplace_back(json::object{{"file", v.file},
                                 {"offset", v.offset_ms},
                                 {"duration", v.duration_ms},
                                 {"userId", v.owner.user_id},
                                 {"name", v.owner.name},
                                 {"source", v.owner.source}});
  o["videos"] = std::move(vs);
  return json::serialize(o);
}

}  // namespace bluemeet::recording
