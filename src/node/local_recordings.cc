#include "node/local_recordings.h"

#include <fstream>
#include <map>
#include <sstream>

#include "recording/metadata.h"
#include "recording/text_track_upload.h"

namespace fs = std::filesystem;

namespace bluemeet::node {
namespace {

std::optional<recording::RecordingMeta> read_meta(const fs::path& dir) {
  std::ifstream in(dir / "metadata.xml", std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return recording::parse_metadata_xml(s.str());
}

}  // namespace

std::vector<recording::RecordingView> LocalRecordings::all() const {
  std::map<std::string, recording::RecordingView> by_id;
  std::error_code ec;
  for (bool published : {true, false}) {
    for (const auto& format : fs::directory_iterator(root_ / (published ? "published" : "unpublished"), ec)) {
      for (const auto& rec : fs::directory_iterator(format.path(), ec)) {
        if (by_id.size() >= static_cast<std::size_t>(recording::kMaxRecordingsPerAnswer)) break;
        auto m = read_meta(rec.path());
        if (!m) continue;
        auto& v = by_id[m->record_id];
        if (v.record_id.empty()) {
          v.record_id = m->record_id;
          v.meeting_id = m->meeting_id;
          v.internal_meeting_id = m->internal_meeting_id;
          v.name = m->name;
          v.breakout = m->breakout;
          v.published = published;
          v.state = published ? "published" : "unpublished";
          v.start_time = m->start_time;
          v.end_time = m->end_time;
          v.participants = m->participants;
          v.raw_size = m->raw_size;
          v.meta = m->meta;
        }
        auto p = m->playback;
        p.link = public_url_ + "/playback/" + p.format + "/" + m->record_id + "/";
        v.formats.push_back(std::move(p));
      }
    }
  }
  std::vector<recording::RecordingView> out;
  for (auto& [id, v] : by_id) out.push_back(std::move(v));
  return out;
}

std::vector<std::pair<fs::path, bool>> LocalRecordings::dirs_of(const std::string& record_id) const {
  std::vector<std::pair<fs::path, bool>> out;
  if (!recording::safe_path_component(record_id)) return out;
  std::error_code ec;
  for (bool published : {true, false})
    for (const auto& format : fs::directory_iterator(root_ / (published ? "published" : "unpublished"), ec))
      if (fs::exists(format.path() / record_id / "metadata.xml", ec)) out.emplace_back(format.path() / record_id, published);
  return out;
}

bool LocalRecordings::publish(const std::string& record_id, bool published) const {
  auto dirs = dirs_of(record_id);
  for (const auto& [dir, is_published] : dirs) {
    if (is_published == published) continue;
    auto to = root_ / (published ? "published" : "unpublished") / dir.parent_path().filename() / record_id;
    fs::create_directories(to.parent_path());
    fs::rename(dir, to);
    if (auto m = read_meta(to)) {
      m->published = published;
      m->state = published ? "published" : "unpublished";
      std::ofstream(to / "metadata.xml", std::ios::trunc) << recording::write_metadata_xml(*m);
    }
  }
  return !dirs.empty();
}

bool LocalRecordings::remove(const std::string& record_id) const {
  auto dirs = dirs_of(record_id);
  for (const auto& [dir, published] : dirs) fs::remove_all(dir);
  if (!dirs.empty()) track_files().remove(record_id);
  return !dirs.empty();
}

bool LocalRecordings::update(const std::string& record_id,
                             const std::vector<std::pair<std::string, std::string>>& meta) const {
  auto dirs = dirs_of(record_id);
  for (const auto& [dir, published] : dirs) {
    auto m = read_meta(dir);
    if (!m) continue;
    for (const auto& [k, v] : meta) {
      std::erase_if(m->meta, [&](const auto& kv) { return kv.first == k; });
      if (!v.empty()) m->meta.emplace_back(k, v);
    }
    std::ofstream(dir / "metadata.xml", std::ios::trunc) << recording::write_metadata_xml(*m);
  }
  return !dirs.empty();
}

std::optional<fs::path> LocalRecordings::playback_file(const recording::PlaybackPath& p) const {
  auto dir = published_dir(p.format, p.record_id);
  std::error_code ec;
  if (!fs::exists(dir / "metadata.xml", ec)) return std::nullopt;
  if (auto track = recording::uploaded_track_file(p.file)) {
    if (p.format != tracks_format(dirs_of(p.record_id))) return std::nullopt;
    return track_files().dir(p.record_id) / *track;
  }
  return dir / p.file;
}

std::string LocalRecordings::tracks_format(const std::vector<std::pair<fs::path, bool>>& dirs) const {
  for (const auto& [dir, published] : dirs)
    if (dir.parent_path().filename() == "presentation") return "presentation";
  return dirs.empty() ? "presentation" : dirs.front().first.parent_path().filename().string();
}

std::vector<std::pair<recording::TextTrack, std::string>> LocalRecordings::text_tracks(const std::string& record_id) const {
  auto dirs = dirs_of(record_id);
  std::vector<recording::TextTrack> live;
  for (const auto& [dir, published] : dirs)
    if (dir.parent_path().filename() == "presentation") live = recording::read_captions_json(dir / "captions.json");
  auto uploaded = track_files().read_index(record_id);
  auto n_uploaded = uploaded.size();
  auto tracks = recording::merge_tracks(std::move(uploaded), live);
  const auto base = public_url_ + "/playback/";
  std::vector<std::pair<recording::TextTrack, std::string>> out;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    auto href = i < n_uploaded ? base + tracks_format(dirs) + "/" + record_id + "/captions/" + tracks[i].file
                               : base + "presentation/" + record_id + "/" + tracks[i].file;
    out.emplace_back(std::move(tracks[i]), std::move(href));
  }
  return out;
}

LocalRecordings::TrackPut LocalRecordings::put_text_track(const std::string& record_id, const recording::TextTrack& t,
                                                          std::string_view webvtt) const {
  if (dirs_of(record_id).empty()) return TrackPut::no_recording;
  auto files = track_files();
  auto index = files.read_index(record_id);
  std::erase_if(index, [&](const recording::TextTrack& x) { return x.kind == t.kind && x.lang == t.lang; });
  if (index.size() >= recording::kMaxTextTracks) return TrackPut::too_many;
  index.push_back(t);
  files.write_track(record_id, t.file, webvtt);
  files.write_index(record_id, index);
  return TrackPut::stored;
}

}  // namespace bluemeet::node
