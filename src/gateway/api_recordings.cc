// The recording calls for a tenant, answered from the gateway's database
// (what the importer committed), and playback served from storage.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "bbb/no_recordings.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "gateway/api.h"
#include "gateway/service.h"
#include "gateway/store/recordings.h"
#include "net/content_type.h"
#include "net/file_response.h"
#include "recording/text_track_upload.h"
#include "util/crypto.h"
#include "util/text.h"

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace bluemeet::gateway {

using net::HttpResponse;

namespace {

constexpr util::Millis kPlaybackTokenTtl = 3600'000;  // links given by getRecordings

HttpResponse answer(bbb::Answer a) { return a.json ? HttpResponse::json(std::move(a.body)) : HttpResponse::xml(std::move(a.body)); }


// Where the server's URL for a file of this recording points inside the
// recording, mapped onto the gateway's playback path; other URLs stay.
std::string playback_url(const std::string& base, const std::string& url, const std::string& format,
                         const std::string& record_id) {
  auto marker = "/" + format + "/" + record_id + "/";
  auto at = url.find(marker);
  if (at == std::string::npos) return url;
  return base + "/playback" + marker + url.substr(at + marker.size());
}

}  // namespace

asio::awaitable<HttpResponse> GatewayApi::recordings(Call& c, std::string_view call) {
  if (!svc_.recordings()) co_return answer(bbb::no_recordings_answer(call, c.params));
  std::int64_t tenant_id = c.tenant.row.id;
  auto now = util::now_millis();

  if (call == "getRecordings") {
    auto q = recording::parse_recording_query(c.params);
    auto rows = co_await svc_.store().run([&](store::Connection& conn) { return db::find_recordings(conn, tenant_id, q); });
    std::vector<recording::RecordingView> views;
    views.reserve(rows.size());
    const auto& base = svc_.config().public_url;
    for (auto& r : rows) {
      auto& v = r.view;
      for (auto& f : v.formats) {
        f.link = base + "/playback/" + f.format + "/" + v.record_id + "/";
        if (v.is_protected) f.link += "?token=" + svc_.playback_token(v.record_id, now + kPlaybackTokenTtl);
        for (auto& img : f.images) img.url = playback_url(base, img.url, f.format, v.record_id);
      }
      views.push_back(std::move(v));
    }
    co_return HttpResponse::xml(recording::recordings_xml(views));
  }

  if (call == "getRecordingTextTracks") co_return co_await get_text_tracks(c);
  if (call == "putRecordingTextTrack") co_return co_await put_text_track(c);

  auto targets = recording::target_record_ids(call, c.params);
  if (!targets) co_return answer(bbb::no_recordings_answer(call, c.params));  // its validation errors
  const auto& ids = *targets;
  auto found = co_await svc_.store().run([&](store::Connection& conn) { return db::tenant_recordings(conn, tenant_id, ids); });
  if (found.empty()) co_return answer(bbb::no_recordings_answer(call, c.params));

  if (call == "publishRecordings") {
    bool publish = c.params.get_bool("publish", false);
    for (const auto& r : found) {
      std::int64_t id = r.id;
      bool changed = co_await svc_.store().run(
          [&](store::Connection& conn) { return db::set_recording_published(conn, id, publish, now); });
      if (changed && r.view.published != publish) svc_.recordings()->place_files(r.view.record_id, db::format_names(r), publish);
    }
    bbb::XmlWriter w;
    w.open("response").elem("returncode", "SUCCESS").elem("published", publish ? "true" : "false");
    co_return HttpResponse::xml(std::move(w).str());
  }
  if (call == "deleteRecordings") {
    for (const auto& r : found) {
      std::int64_t id = r.id;
      bool deleted =
          co_await svc_.store().run([&](store::Connection& conn) { return db::mark_recording_deleted(conn, id, now); });
      if (deleted) {
        svc_.recordings()->remove_files(r.view.record_id, db::format_names(r));
        text_track_files().remove(r.view.record_id);
      }
    }
    co_return HttpResponse::xml("<response><returncode>SUCCESS</returncode><deleted>true</deleted></response>");
  }
  // updateRecordings
  auto meta = recording::metadata_updates(c.params);
  std::optional<bool> protect;
  if (c.params.has("protect")) protect = c.params.get_bool("protect", false);
  for (const auto& r : found) {
    std::int64_t id = r.id;
    co_await svc_.store().run([&](store::Connection& conn) { return db::update_recording(conn, id, meta, protect, now); });
  }
  co_return HttpResponse::xml("<response><returncode>SUCCESS</returncode><updated>true</updated></response>");
}

asio::awaitable<HttpResponse> GatewayApi::playback(net::HttpRequest& req) {
  auto* importer = svc_.recordings();
  if (!importer) co_return HttpResponse::text(404, "not found\n");
  auto where = recording::parse_playback_path(req.path());
  if (!where) co_return HttpResponse::text(404, "not found\n");
  const std::string& format = where->format;
  const std::string& record_id = where->record_id;
  const std::string& file = where->file;

  auto row = co_await svc_.store().run([&](store::Connection& c) { return db::get_recording(c, record_id); });
  bool has_format = false;
  if (row)
    for (const auto& f : row->view.formats) has_format |= f.format == format;
  if (!row || !row->view.published || !has_format) co_return HttpResponse::text(404, "not found\n");

  // Protected recordings: a fresh token from getRecordings, then a cookie for the page's own requests.
  std::string set_cookie;
  if (row->view.is_protected) {
    auto q = bbb::Params::parse(req.query()).value_or(bbb::Params{});
    std::string cookie_name = "bm_play_" + record_id;
    std::string token = q.get("token");
    if (token.empty()) {
      token = std::string(req.cookie(cookie_name));
    } else {
      set_cookie = cookie_name + "=" + token + "; Path=/playback/" + format + "/" + record_id +
                   "/; HttpOnly; SameSite=Lax";
    }
    if (!svc_.playback_token_valid(record_id, token, util::now_millis())) co_return HttpResponse::text(403, "forbidden\n");
  }

  // Uploaded text tracks live beside the formats (text_track_files.h), under
  // the path of the format that lists them.
  auto track = recording::uploaded_track_file(file);
  if (track && format != text_tracks_format(*row)) co_return HttpResponse::text(404, "not found\n");
  HttpResponse r;
  if (svc_.config().accel_redirect) {
    // nginx serves the bytes (location /recordings-files/ { internal; alias <recordings>/; }).
    r.content_type = std::string(net::content_type_for(file));
    r.with_header("X-Accel-Redirect", track ? "/recordings-files/captions/" + record_id + "/" + *track
                                            : "/recordings-files/published/" + format + "/" + record_id + "/" + file);
  } else if (track) {
    r = net::file_response(text_track_files().dir(record_id) / *track, req.header("range"));
  } else {
    r = net::file_response(importer->format_dir(format, record_id, true) / file, req.header("range"));
  }
  if (!set_cookie.empty()) r.with_header("Set-Cookie", set_cookie);
  // A track may be uploaded again under the same name: caches ask each time.
  r.with_header("Cache-Control", row->view.is_protected ? "private, no-store"
                                 : track                ? "no-cache"
                                                        : "public, max-age=3600");
  co_return r;
}

}  // namespace bluemeet::gateway
