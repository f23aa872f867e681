// Recordings of a room, kept by the portal as the gateway announces them,
// and the gateway's callbacks: recording ready (an HS256 JWT signed with
// the tenant's secret, as BBB and Scalelite send it) and analytics (the
// attendance of a meeting, Bearer HS512).
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>
#include <spdlog/spdlog.h>

#include "bbb/jwt.h"
#include "bbb/query.h"
#include "portal/api.h"
#include "portal/db/recordings.h"
#include "portal/service.h"
#include "util/crypto.h"
#include "util/text.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;

namespace {


// "2026-12-06T11:00:00.000Z" -> ms since the epoch; 0 when unreadable.
std::int64_t parse_iso8601(std::string_view s) {
  std::tm tm{};
  int ms = 0;
  std::string text(s.substr(0, 32));
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &ms) < 6)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

}  // namespace

json::object recording_json(const db::Recording& r) {
  boost::system::error_code ec;
  auto formats = json::parse(r.formats_json, ec);
  return {{"recordId", r.record_id},
          {"name", r.name},
          {"visibility", r.visibility},
          {"startTime", r.start_time},
          {"lengthMinutes", r.length_minutes},
          {"participants", r.participants},
          {"formats", !ec && formats.is_array() ? formats : json::array{}}};
}

asio::awaitable<HttpResponse> PortalApi::room_recordings(Call&, const db::Room& room) {
  std::int64_t id = room.id;
  auto list = co_await svc_.store().run([&](store::Connection& c) { return db::recordings_of_room(c, id); });
  json::array out;
  for (const auto& r : list) out.emplace_back(recording_json(r));
  co_return json_response(json::object{{"recordings", std::move(out)}});
}

asio::awaitable<HttpResponse> PortalApi::room_attendance(Call&, const db::Room& room) {
  std::int64_t id = room.id;
  auto list = co_await svc_.store().run([&](store::Connection& c) { return db::attendance_of_room(c, id); });
  json::array sessions;
  for (const auto& a : list) {
    boost::system::error_code ec;
    auto attendees = json::parse(a.attendees_json, ec);
    sessions.emplace_back(json::object{{"startedAt", a.started_at},
                                       {"endedAt", a.ended_at},
                                       {"attendees", !ec && attendees.is_array() ? attendees : json::array{}}});
  }
  co_return json_response(json::object{{"sessions", std::move(sessions)}});
}

asio::awaitable<HttpResponse> PortalApi::recording(Call& c, std::string_view record_id_view) {
  if (!c.user) co_return json_error(401, "unauthorized", "Sign in first.");
  std::string record_id(record_id_view);
  auto& store = svc_.store();
  auto rec = co_await store.run([&](store::Connection& conn) { return db::recording_by_id(conn, record_id); });
  std::int64_t uid = c.user->id;
  bool allowed = false;
  if (rec) {
    std::int64_t room_id = rec->room_id;
    allowed = c.user->role.has("ManageRecordings") || co_await store.run([&](store::Connection& conn) {
                const std::vector<store::Value> p{room_id, uid, room_id, uid};
                return !conn.query("SELECT 1 FROM rooms WHERE id = ? AND owner_id = ? UNION "
                                   "SELECT 1 FROM room_shares WHERE room_id = ? AND user_id = ?",
                                   p)
                            .empty();
              });
  }
  if (!rec || !allowed) co_return json_error(404, "notFound", "There is no such recording.");
  bbb::Params target;
  target.add("recordID", record_id);

  if (c.req.method == Method::del) {
    co_await svc_.gateway().call_ok("deleteRecordings", target);
    std::int64_t id = rec->id;
    co_await store.run([&](store::Connection& conn) { db::delete_recording(conn, id); });
    co_return no_content();
  }
  if (c.req.method != Method::patch && c.req.method != Method::put)
    co_return json_error(405, "methodNotAllowed", "Method not allowed.");
  auto updated = *rec;
  if (const auto* n = c.body.if_contains("name")) {
    if (!n->is_string() || n->as_string().empty() || n->as_string().size() > 200)
      co_return json_error(422, "invalidField", "Give a name of 1 to 200 characters.", "name");
    updated.name = std::string(n->as_string());
  }
  if (const auto* v = c.body.if_contains("visibility")) {
    if (!v->is_string() || !valid_visibility(v->as_string()))
      co_return json_error(422, "invalidField", "Unknown visibility.", "visibility");
    updated.visibility = std::string(v->as_string());
  }
  // The gateway first: what the portal shows must be what playback does.
  auto params = *visibility_params(updated.visibility);
  bbb::Params publish = target;
  publish.add("publish", params.publish ? "true" : "false");
  co_await svc_.gateway().call_ok("publishRecordings", publish);
  bbb::Params update = target;
  update.add("protect", params.protect ? "true" : "false");
  update.add("meta_gl-listed", params.listed ? "true" : "false");
  update.add("meta_name", updated.name);
  co_await svc_.gateway().call_ok("updateRecordings", update);
  auto now = util::now_millis();
  co_await store.run([&](store::Connection& conn) { db::update_recording(conn, updated.id, updated.name, updated.visibility, now); });
  co_return json_response(json::object{{"recording", recording_json(updated)}});
}

asio::awaitable<HttpResponse> PortalApi::recording_ready(HttpRequest& req) {
  if (req.method != Method::post) co_return HttpResponse::text(405, "method not allowed\n");
  auto form = bbb::Params::parse(req.body);
  std::string token = form ? form->get("signed_parameters") : std::string();
  auto claims = bbb::jwt_verify(token, svc_.config().secret, util::now_millis() / 1000);
  if (!claims) co_return HttpResponse::text(401, "bad signature\n");
  const auto* meeting = claims->if_contains("meeting_id");
  const auto* record = claims->if_contains("record_id");
  if (!meeting || !record || !meeting->is_string() || !record->is_string()) co_return HttpResponse::text(400, "bad claims\n");
  std::string meeting_id(meeting->as_string());
  std::string record_id(record->as_string());
  auto room = co_await svc_.store().run([&](store::Connection& c) { return db::room_by_meeting_id(c, meeting_id); });
  // 410 tells the gateway to stop retrying: the room is gone.
  if (!room) co_return HttpResponse::text(410, "no such room\n");
  // The details come from the gateway; if it cannot answer now, 503 makes it call again later.
  auto info = co_await svc_.gateway().recording(record_id);
  if (!info) co_return HttpResponse::text(503, "the recording is not listed yet\n");
  db::Recording r;
  r.record_id = record_id;
  r.room_id = room->id;
  r.name = info->name.empty() ? room->name : info->name;
  r.visibility = info->published ? "published" : "unpublished";
  r.start_time = info->start_time;
  r.length_minutes = info->end_time > info->start_time ? (info->end_time - info->start_time + 59'999) / 60'000 : 0;
  r.participants = info->participants;
  json::array formats;
  for (const auto& [type, url] : info->formats) formats.emplace_back(json::object{{"type", type}, {"url", url}});
  r.formats_json = json::serialize(formats);
  auto now = util::now_millis();
  co_await svc_.store().run([&](store::Connection& c) { db::save_recording(c, r, now); });
  spdlog::info("recording {} of room {} is ready", record_id, room->friendly_id);
  co_return HttpResponse::text(200, "ok\n");
}

asio::awaitable<HttpResponse> PortalApi::analytics(HttpRequest& req) {
  if (req.method != Method::post) co_return HttpResponse::text(405, "method not allowed\n");
  auto query = bbb::Params::parse(req.query()).value_or(bbb::Params{});
  std::string fid = query.get("room");
  auto room = co_await svc_.store().run([&](store::Connection& c) { return db::room_by_friendly_id(c, fid); });
  // Both the URL's token (made by this portal) and the gateway's signature must hold.
  if (!room || !util::constant_time_equal(query.get("token"), svc_.callback_token(room->meeting_id)))
    co_return HttpResponse::text(401, "bad token\n");
  auto bearer = util::trim(req.header("authorization"));
  if (!bearer.starts_with("Bearer ") || !bbb::jwt_verify(bearer.substr(7), svc_.config().secret, util::now_millis() / 1000))
    co_return HttpResponse::text(401, "bad signature\n");
  boost::system::error_code ec;
  auto v = json::parse(req.body, ec);
  if (ec || !v.is_object()) co_return HttpResponse::text(400, "bad body\n");
  const auto& o = v.as_object();
  const auto* data = o.if_contains("data");
  const auto* internal = o.if_contains("internal_meeting_id");
  if (!data || !data->is_object() || !internal || !internal->is_string()) co_return HttpResponse::text(400, "bad body\n");
  const auto& d = data->as_object();
  db::Attendance a;
  a.internal_meeting_id = std::string(internal->as_string());
  auto text = [](const json::object& obj, std::string_view k) {
    const auto* f = obj.if_contains(k);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  a.started_at = parse_iso8601(text(d, "start"));
  a.ended_at = parse_iso8601(text(d, "finish"));
  json::array attendees;
  if (const auto* list = d.if_contains("attendees"); list && list->is_array()) {
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) continue;
      const auto& at = item.as_object();
      // The first join and the last leave, as ms; 0 when absent.
      auto time_at = [&](std::string_view k, bool last) {
        const auto* arr = at.if_contains(k);
        if (!arr || !arr->is_array() || arr->as_array().empty()) return std::int64_t{0};
        const auto& when = last ? arr->as_array().back() : arr->as_array().front();
        return when.is_string() ? parse_iso8601(when.as_string()) : std::int64_t{0};
      };
      const auto* dur = at.if_contains("duration");
      const auto* mod = at.if_contains("moderator");
      attendees.emplace_back(json::object{{"name", text(at, "name")},
                                          {"joinedAt", time_at("joins", false)},
                                          {"leftAt", time_at("leaves", true)},
                                          {"durationSeconds", dur && dur->is_int64() ? dur->as_int64() : 0},
                                          {"moderator", mod && mod->is_bool() && mod->as_bool()}});
    }
  }
  a.attendees_json = json::serialize(attendees);
  std::int64_t room_id = room->id;
  auto now = util::now_millis();
  co_await svc_.store().run([&](store::Connection& c) { db::save_attendance(c, room_id, a, now); });
  co_return HttpResponse::text(200, "ok\n");
}

}  // namespace bluemeet::portal
