#include "node/recording_media.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "media/janus_child.h"
#include "recording/media_timeline.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace bluemeet::node {
namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;

std::string read_head(const fs::path& p, std::size_t max) {
  std::ifstream in(p, std::ios::binary);
  std::string s(max, '\0');
  in.read(s.data(), static_cast<std::streamsize>(max));
  s.resize(static_cast<std::size_t>(in.gcount()));
  return s;
}

std::string last_line(const std::string& output) {
  auto s = output;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

std::string describe(const ToolRun& r) {
  if (!r.started) return "could not be started";
  if (r.timed_out) return "timed out and was killed";
  return media::describe_wait_status(r.status) + (r.output.empty() ? "" : ": " + last_line(r.output));
}

// Encoding runs well ahead of real time; a minute and a fraction of the content's length is plenty.
std::chrono::milliseconds budget_for(std::int64_t content_ms) {
  return 60s + std::chrono::milliseconds(std::max<std::int64_t>(0, content_ms) / 4);
}

std::optional<std::int64_t> probe_ms(const std::string& ffprobe, const fs::path& file, const fs::path& log) {
  auto r = run_tool(recording::probe_duration_argv(ffprobe, file.string()), 60s, log);
  if (!r.ok()) return std::nullopt;
  return recording::parse_probe_duration_ms(r.output);
}

// Janus closes (and renames) its files when the meeting's rooms are destroyed,
// which may happen just after the Recorder is handed the meeting: wait until no
// ….tmp is left, or until those left have stopped growing (a Janus that died
// never closes them), within a bound.
void wait_for_janus_files(const fs::path& media_dir) {
  constexpr auto kQuiet = 3s, kBound = 60s;
  const auto until = std::chrono::steady_clock::now() + kBound;
  std::map<fs::path, std::uintmax_t> sizes;
  auto quiet_since = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < until) {
    std::map<fs::path, std::uintmax_t> now;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(media_dir, ec))
      if (e.path().extension() == ".tmp") now[e.path()] = e.file_size(ec);
    if (now.empty()) return;
    if (now != sizes) {
      sizes = std::move(now);
      quiet_since = std::chrono::steady_clock::now();
    } else if (std::chrono::steady_clock::now() - quiet_since >= kQuiet) {
      return;
    }
    std::this_thread::sleep_for(200ms);
  }
}

}  // namespace

bool ToolRun::ok() const { return started && !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0; }

ToolRun run_tool(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, const fs::path& log_file) {
  ToolRun r;
  if (argv.empty()) return r;
  const int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return r;
  media::ChildProcess child;
  try {
    child = media::spawn_child(argv.front(), argv, fd);
  } catch (const std::exception& e) {
    ::close(fd);
    r.output = e.what();
    return r;
  }
  ::close(fd);
  r.started = true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) {
      r.timed_out = true;
      ::kill(-child.pid, SIGKILL);  // its own process group (spawn_child)
      ::kill(child.pid, SIGKILL);
      break;
    }
    pollfd p{child.pidfd, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
    if (n > 0) break;
    if (n < 0 && errno != EINTR) break;
  }
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(child.pidfd);
  r.status = status;
  r.output = read_head(log_file, kMaxOutput);
  std::error_code ec;
  fs::remove(log_file, ec);
  return r;
}

RecordingMedia make_recording_media(const fs::path& media_dir, const fs::path& playback_dir, std::int64_t start_ms,
                                    std::int64_t end_ms, const std::string& record_id) {
  RecordingMedia result;
  std::error_code ec;
  if (!fs::is_directory(media_dir, ec)) return result;
  wait_for_janus_files(media_dir);
  std::vector<fs::path> wavs, mjrs;
  for (const auto& e : fs::directory_iterator(media_dir, ec)) {
    if (!e.is_regular_file(ec)) continue;
    result.raw_bytes += e.file_size(ec);
    auto name = recording::without_tmp_suffix(e.path().filename().string());
    if (name.ends_with(".wav")) wavs.push_back(e.path());
    if (name.ends_with(".mjr")) mjrs.push_back(e.path());
  }
  std::sort(wavs.begin(), wavs.end());
  std::sort(mjrs.begin(), mjrs.end());
  if (wavs.empty() && mjrs.empty()) return result;

  auto ffmpeg = media::find_executable("ffmpeg");
  auto ffprobe = media::find_executable("ffprobe");
  auto pp_rec = media::find_executable("janus-pp-rec");
  if (!ffmpeg || !ffprobe) {
    spdlog::warn("recording {}: ffmpeg or ffprobe is not installed, so it is published without its audio and video",
                 record_id);
    return result;
  }
  const auto duration = end_ms - start_ms;
  const auto log = playback_dir / ".tool.log";
  recording::MediaNotes notes;
  if (fs::exists(media_dir / "media.jsonl", ec))
    notes = recording::parse_media_notes(read_head(media_dir / "media.jsonl", 16 << 20));

  // The mix: every stretch at its offset on one track.
  std::optional<recording::MediaTrack> audio;
  std::vector<recording::AudioPiece> pieces;
  for (const auto& w : wavs) {
    auto at = recording::audio_start_ms(w.filename().string(), notes);
    if (!at) {
      spdlog::warn("recording {}: {} has no known start; left out", record_id, w.filename().string());
      continue;
    }
    if (fs::file_size(w, ec) <= 44) continue;  // a header and no sound
    pieces.push_back({w.string(), *at - start_ms});
  }
  if (!pieces.empty() && duration > 0) {
    const auto out = playback_dir / "audio.webm";
    auto r = run_tool(recording::audio_mix_argv(*ffmpeg, pieces, duration, out.string()), budget_for(duration), log);
    if (r.ok()) {
      audio = recording::MediaTrack{"audio.webm", 0, probe_ms(*ffprobe, out, log).value_or(duration)};
    } else {
      spdlog::error("recording {}: the audio mix failed (ffmpeg {}); published without audio", record_id, describe(r));
      fs::remove(out, ec);
    }
  }

  // The webcams and screens: one file per recorded stretch of a stream.
  std::vector<recording::VideoTrack> videos;
  if (!mjrs.empty() && !pp_rec)
    spdlog::warn("recording {}: janus-pp-rec (package janus-tools) is not installed, so it is published without its video",
                 record_id);
  for (const auto& m : pp_rec ? mjrs : std::vector<fs::path>{}) {
    const auto file_name = m.filename().string();
    auto name = recording::parse_mjr_name(file_name);
    auto header = recording::parse_mjr_header(read_head(m, 10 + 65535));
    if (!header || header->type != "v") continue;  // audio or data streams: the mix has the sound
    auto container = recording::video_container_for(header->codec);
    auto at = recording::video_start_ms(&*header, name);
    if (!container || !at) {
      spdlog::warn("recording {}: {} ({}) left out: {}", record_id, file_name, header->codec,
                   container ? "no known start" : "codec not supported");
      continue;
    }
    fs::create_directories(playback_dir / "video", ec);
    const auto rel = "video/" + std::to_string(videos.size()) + "." + *container;
    const auto out = playback_dir / rel;
    // janus-pp-rec decides by the file's extension; a leftover .tmp is read as it is.
    auto r = run_tool({*pp_rec, m.string(), out.string()}, budget_for(static_cast<std::int64_t>(fs::file_size(m, ec) / 125)),
                      log);
    auto ms = r.ok() && fs::exists(out, ec) ? probe_ms(*ffprobe, out, log) : std::nullopt;
    if (!ms || *ms <= 0) {
      spdlog::error("recording {}: {} could not be converted (janus-pp-rec {}); left out", record_id, file_name,
                    r.ok() ? "made no playable file" : describe(r));
      fs::remove(out, ec);
      continue;
    }
    recording::VideoTrack v;
    v.file = rel;
    v.offset_ms = *at - start_ms;
    v.duration_ms = *ms;
    if (name) {
      auto owner = notes.publishers.find(name->feed);
      if (owner != notes.publishers.end()) v.owner = owner->second;
    }
    if (v.owner.source.empty()) v.owner.source = "camera";
    videos.push_back(std::move(v));
  }
  std::sort(videos.begin(), videos.end(), [](const auto& a, const auto& b) { return a.offset_ms < b.offset_ms; });

  std::ofstream out(playback_dir / "media.json", std::ios::binary | std::ios::trunc);
  out << recording::media_manifest_json(audio, videos);
  result.made = static_cast<bool>(out);
  spdlog::info("recording {}: {} audio, {} video stream(s)", record_id, audio ? "with" : "without", videos.size());
  return result;
}

}  // namespace bluemeet::node
