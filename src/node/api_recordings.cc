// The recording calls on a node, answered from its own recordings, as a
// BigBlueButton server answers them (text tracks included); and their playback.
#include <spdlog/spdlog.h>

#include "bbb/no_recordings.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "net/file_response.h"
#include "node/api.h"
#include "node/service.h"
#include "recording/text_track_upload.h"
#include "util/text.h"

namespace bluemeet::node {

using net::HttpResponse;

namespace {

HttpResponse answer(bbb::Answer a) { return a.json ? HttpResponse::json(std::move(a.body)) : HttpResponse::xml(std::move(a.body)); }

}  // namespace

net::HttpResponse NodeApi::recordings(Call& c, std::string_view call) {
  const auto& local = svc_.recordings();
  if (call == "getRecordings") {
    auto q = recording::parse_recording_query(c.params);
    std::vector<recording::RecordingView> matching;
    for (auto& r : local.all())
      if (recording::matches(r, q)) matching.push_back(std::move(r));
    return HttpResponse::xml(recording::recordings_xml(recording::page(std::move(matching), q)));
  }
  if (call == "getRecordingTextTracks" || call == "putRecordingTextTrack") return text_tracks(c, call);

  auto targets = recording::target_record_ids(call, c.params);
  if (!targets) return answer(bbb::no_recordings_answer(call, c.params));  // its validation errors, or none
  const auto& ids = *targets;
  bool found = false;
  if (call == "publishRecordings") {
    bool publish = c.params.get_bool("publish", false);
    for (const auto& id : ids) found |= local.publish(id, publish);
    if (!found) return answer(bbb::no_recordings_answer(call, c.params));
    bbb::XmlWriter w;
    w.open("response").elem("returncode", "SUCCESS").elem("published", publish ? "true" : "false");
    return HttpResponse::xml(std::move(w).str());
  }
  if (call == "deleteRecordings") {
    for (const auto& id : ids) found |= local.remove(id);
    if (!found) return answer(bbb::no_recordings_answer(call, c.params));
    return HttpResponse::xml("<response><returncode>SUCCESS</returncode><deleted>true</deleted></response>");
  }
  // updateRecordings
  auto meta = recording::metadata_updates(c.params);
  for (const auto& id : ids) found |= local.update(id, meta);
  if (!found) return answer(bbb::no_recordings_answer(call, c.params));
  return HttpResponse::xml("<response><returncode>SUCCESS</returncode><updated>true</updated></response>");
}

net::HttpResponse NodeApi::text_tracks(Call& c, std::string_view call) {
  const auto& local = svc_.recordings();
  auto no_recording = [](const std::string& id) {
    return HttpResponse::json(bbb::error_json("noRecordings", "No recording found for " + id));
  };
  if (call == "getRecordingTextTracks") {
    std::string id(util::trim(c.params.get("recordID")));
    if (id.empty()) return answer(bbb::no_recordings_answer(call, c.params));
    if (!local.exists(id)) return no_recording(id);
    return HttpResponse::json(recording::text_tracks_json(local.text_tracks(id)));
  }
  auto read = recording::read_track_upload(c.params, c.req.header("content-type"), c.req.body);
  if (auto* refused = std::get_if<bbb::Answer>(&read)) return answer(std::move(*refused));
  const auto& up = std::get<recording::TrackUpload>(read);
  if (!local.exists(up.record_id)) return no_recording(up.record_id);
  auto converted = recording::upload_webvtt(up.data);
  if (auto* refused = std::get_if<bbb::Answer>(&converted)) return answer(std::move(*refused));
  LocalRecordings::TrackPut put;
  try {
    put = local.put_text_track(up.record_id, up.track, std::get<std::string>(converted));
  } catch (const std::filesystem::filesystem_error& e) {
    spdlog::error("text track of recording {} not stored: {}", up.record_id, e.what());
    return HttpResponse::json(recording::upload_failed_json("Text track upload failed."));
  }
  if (put == LocalRecordings::TrackPut::no_recording) return no_recording(up.record_id);
  if (put == LocalRecordings::TrackPut::too_many)
    return HttpResponse::json(recording::upload_failed_json("The recording has too many text tracks."));
  return HttpResponse::json(recording::upload_success_json(up.record_id));
}

net::HttpResponse NodeApi::playback(std::string_view path, std::string_view range) {
  auto where = recording::parse_playback_path(path);
  if (!where) return HttpResponse::text(404, "not found\n");
  auto file = svc_.recordings().playback_file(*where);
  if (!file) return HttpResponse::text(404, "not found\n");
  return net::file_response(*file, range);
}

}  // namespace bluemeet::node
