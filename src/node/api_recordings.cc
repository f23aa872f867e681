// The recording calls on a node, answered from its own recordings, as a
// BigBlueButton server answers them; and their playback.
#include "bbb/no_recordings.h"
#include "bbb/xml_writer.h"
#include "net/file_response.h"
#include "node/api.h"
#include "node/service.h"

namespace bluemeet::node {

using net::HttpResponse;

namespace {

HttpResponse answer(bbb::Answer a) { return a.json ? HttpResponse::json(std::move(a.body)) : HttpResponse::xml(std::move(a.body)); }

constexpr std::uintmax_t kMaxServedBytes = 512ULL << 20;

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
  if (call == "updateRecordings") {
    auto meta = recording::metadata_updates(c.params);
    for (const auto& id : ids) found |= local.update(id, meta);
    if (!found) return answer(bbb::no_recordings_answer(call, c.params));
    return HttpResponse::xml("<response><returncode>SUCCESS</returncode><updated>true</updated></response>");
  }
  // getRecordingTextTracks: known recordings have none yet.
  for (const auto& id : ids) found |= local.exists(id);
  if (!found) return answer(bbb::no_recordings_answer(call, c.params));
  return HttpResponse::json(R"({"response":{"returncode":"SUCCESS","tracks":[]}})");
}

net::HttpResponse NodeApi::playback(std::string_view path) {
  auto where = recording::parse_playback_path(path);
  if (!where) return HttpResponse::text(404, "not found\n");
  auto file = svc_.recordings().playback_file(*where);
  if (!file) return HttpResponse::text(404, "not found\n");
  return net::file_response(*file, kMaxServedBytes);
}

}  // namespace bluemeet::node
