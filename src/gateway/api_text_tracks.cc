// getRecordingTextTracks and putRecordingTextTrack for a tenant's recordings.
// Uploaded tracks are rows (db/text_tracks.h) with their WebVTT files in the
// recordings storage's captions/<recordID>/, beside BBB's captions.json;
// live captions a BBB server put in the presentation format are listed too.
// Both are played through /playback/<format>/<recordID>/.
#include <spdlog/spdlog.h>

#include "bbb/no_recordings.h"
#include "bbb/responses.h"
#include "gateway/api.h"
#include "gateway/recording_importer.h"
#include "gateway/service.h"
#include "gateway/store/recordings.h"
#include "gateway/store/text_tracks.h"
#include "recording/text_track_files.h"
#include "recording/text_track_upload.h"
#include "util/text.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

using net::HttpResponse;

namespace {

constexpr util::Millis kPlaybackTokenTtl = 3600'000;  // as getRecordings' links

HttpResponse answer(bbb::Answer a) { return a.json ? HttpResponse::json(std::move(a.body)) : HttpResponse::xml(std::move(a.body)); }

HttpResponse no_recording(const std::string& id) {
  return HttpResponse::json(bbb::error_json("noRecordings", "No recording found for " + id));
}

bool has_format(const db::RecordingRow& r, std::string_view format) {
  for (const auto& f : r.view.formats)
    if (f.format == format) return true;
  return false;
}

}  // namespace

recording::TextTrackFiles GatewayApi::text_track_files() {
  return recording::TextTrackFiles(svc_.recordings()->root() / "captions");
}

std::string GatewayApi::text_tracks_format(const db::RecordingRow& r) {
  if (has_format(r, "presentation") || r.view.formats.empty()) return "presentation";
  return r.view.formats.front().format;
}

asio::awaitable<HttpResponse> GatewayApi::get_text_tracks(Call& c) {
  std::string id(util::trim(c.params.get("recordID")));
  if (id.empty()) co_return answer(bbb::no_recordings_answer("getRecordingTextTracks", c.params));
  std::int64_t tenant_id = c.tenant.row.id;
  std::vector<recording::TextTrack> uploaded;
  auto found = co_await svc_.store().run([&](store::Connection& conn) {
    auto rows = db::tenant_recordings(conn, tenant_id, {id});
    if (!rows.empty()) uploaded = db::list_text_tracks(conn, rows.front().id);
    return rows;
  });
  if (found.empty()) co_return no_recording(id);
  const auto& row = found.front();

  std::vector<recording::TextTrack> imported;
  if (has_format(row, "presentation"))
    imported = recording::read_captions_json(svc_.recordings()->format_dir("presentation", id, row.view.published) /
                                             "captions.json");
  auto n_uploaded = uploaded.size();
  auto tracks = recording::merge_tracks(std::move(uploaded), imported);

  std::string token;
  if (row.view.is_protected) token = "?token=" + svc_.playback_token(id, util::now_millis() + kPlaybackTokenTtl);
  const auto base = svc_.config().public_url + "/playback/";
  std::vector<std::pair<recording::TextTrack, std::string>> listed;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    auto href = i < n_uploaded ? base + text_tracks_format(row) + "/" + id + "/captions/" + tracks[i].file
                               : base + "presentation/" + id + "/" + tracks[i].file;
    listed.emplace_back(std::move(tracks[i]), href + token);
  }
  co_return HttpResponse::json(recording::text_tracks_json(listed));
}

asio::awaitable<HttpResponse> GatewayApi::put_text_track(Call& c) {
  auto read = recording::read_track_upload(c.params, c.req.header("content-type"), c.req.body);
  if (auto* refused = std::get_if<bbb::Answer>(&read)) co_return answer(std::move(*refused));
  auto& up = std::get<recording::TrackUpload>(read);
  const auto& id = up.record_id;
  const auto& track = up.track;
  std::int64_t tenant_id = c.tenant.row.id;
  auto found = co_await svc_.store().run([&](store::Connection& conn) { return db::tenant_recordings(conn, tenant_id, {id}); });
  if (found.empty()) co_return no_recording(id);
  auto converted = recording::upload_webvtt(up.data);
  if (auto* refused = std::get_if<bbb::Answer>(&converted)) co_return answer(std::move(*refused));
  const auto& webvtt = std::get<std::string>(converted);

  // The file first, then its row: a listed track always has its file. The
  // store's thread does the writing, so the fsyncs do not stall other calls.
  auto files = text_track_files();
  std::int64_t recording_id = found.front().id;
  auto now = util::now_millis();
  std::optional<db::TrackPut> put;
  try {
    put = co_await svc_.store().run([&](store::Connection& conn) {
      // Checked again with the row; here so that no file is written for nothing.
      auto existing = db::list_text_tracks(conn, recording_id);
      bool replaces = false;
      for (const auto& t : existing) replaces |= t.file == track.file;
      if (!replaces && existing.size() >= recording::kMaxTextTracks) return db::TrackPut::too_many;
      files.write_track(id, track.file, webvtt);
      auto outcome = db::put_text_track(conn, recording_id, track, now);
      if (outcome == db::TrackPut::stored) {
        try {
          files.write_index(id, db::list_text_tracks(conn, recording_id));
        } catch (const std::filesystem::filesystem_error& e) {
          spdlog::warn("captions.json of recording {}: {}", id, e.what());  // the rows stay the truth
        }
      }
      return outcome;
    });
  } catch (const std::filesystem::filesystem_error& e) {
    spdlog::error("text track of recording {} not stored: {}", id, e.what());
    co_return HttpResponse::json(recording::upload_failed_json("Text track upload failed."));
  }
  if (*put == db::TrackPut::no_recording) co_return no_recording(id);
  if (*put == db::TrackPut::too_many)
    co_return HttpResponse::json(recording::upload_failed_json("The recording has too many text tracks."));
  spdlog::info("text track {} of recording {} stored for {}", track.file, id, c.tenant.row.name);
  co_return HttpResponse::json(recording::upload_success_json(id));
}

}  // namespace bluemeet::gateway
