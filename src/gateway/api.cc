#include "gateway/api.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <set>
#include <spdlog/spdlog.h>

#include "bbb/no_recordings.h"
#include "bbb/request.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "gateway/admin_api.h"
#include "gateway/domain/tenant.h"
#include "gateway/service.h"
#include "gateway/store/recordings.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;

namespace {

HttpResponse xml_error(std::string_view key, std::string_view message) {
  return HttpResponse::xml(bbb::error_xml(key, message));
}

}  // namespace

asio::awaitable<HttpResponse> GatewayApi::handle(HttpRequest& req) {
  auto path = req.path();
  if (path == "/health") co_return HttpResponse::text(200, "ok\n");
  if (path == "/metrics") co_return co_await metrics();
  if (path.starts_with("/gateway/callback/")) co_return co_await callback(req);
  if (path == "/gateway/hooks") co_return co_await server_events(req);
  if (path.starts_with("/playback/")) co_return co_await playback(req);
  if (path == kRecordingUploadPath) co_return co_await recording_upload(req);
  if (path.starts_with("/admin/api/v1/") || path == "/admin/api/v1") co_return co_await handle_admin_api(svc_, req);
  auto api_path = parse_api_path(path);
  if (!api_path) co_return HttpResponse::text(404, "not found\n");
  auto name = api_path->tenant;
  if (!name) name = tenant_from_host(req.header("host"), svc_.config().domain);
  auto started = std::chrono::steady_clock::now();
  HttpResponse r;
  try {
    r = co_await api(req, std::move(name), api_path->call);
  } catch (const std::exception& e) {
    // Typically the database restarting: answer as BBB does, and let the client retry.
    spdlog::error("{} failed: {}", api_path->call, e.what());
    r = xml_error("internalError", "The request could not be completed; please try again.");
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  svc_.counters().latency.observe(bbb::is_checksum_call(api_path->call) ? api_path->call : "other", took.count());
  co_return std::move(r.with_header("Cache-Control", "no-cache"));
}

asio::awaitable<HttpResponse> GatewayApi::api(HttpRequest& req, std::optional<std::string> tenant_name,
                                              std::string_view call) {
  if (call.empty()) {
    if (req.method != Method::get && req.method != Method::head && req.method != Method::post)
      co_return HttpResponse::text(405, "method not allowed\n");
    co_return HttpResponse::xml(bbb::api_index_xml());
  }
  if (!bbb::is_checksum_call(call))
    co_return xml_error("unsupportedRequest", "This request is not supported.");

  auto content_type = req.content_type();
  bbb::IncomingCall in{call,        req.method == Method::post,
                       req.method != Method::get && req.method != Method::post && req.method != Method::head,
                       req.query(), content_type, req.body};
  // The tenant is named by the request, or (when allowed) found by its secret.
  std::vector<const TenantInfo*> candidates;
  if (tenant_name) {
    if (const auto* t = svc_.tenants().find(*tenant_name)) candidates.push_back(t);
  } else if (svc_.config().tenant_by_secret) {
    candidates = svc_.tenants().usable();
  }
  const TenantInfo* tenant = nullptr;
  std::optional<bbb::Authenticated> auth;
  bbb::Refusal refusal{200, bbb::errors::checksum(), false};
  for (const auto* t : candidates) {
    auto outcome = bbb::authenticate(in, t->row.secrets, svc_.checksum_options());
    if (auto* a = std::get_if<bbb::Authenticated>(&outcome)) {
      tenant = t;
      auth = std::move(*a);
      break;
    }
    refusal = std::get<bbb::Refusal>(std::move(outcome));
  }
  if (!tenant) {
    // An unknown tenant looks exactly like a wrong secret: names are not probed this way.
    auto r = refusal.json ? HttpResponse::json(std::move(refusal.body)) : HttpResponse::xml(std::move(refusal.body));
    r.status = refusal.http_status;
    co_return r;
  }
  ++svc_.counters().requests[tenant->row.name];
  if (tenant->state == TenantState::suspended) {
    ++svc_.counters().errors[tenant->row.name];
    co_return xml_error("tenantSuspended", "This organization's access to the service is suspended.");
  }
  if (tenant->state == TenantState::requested) {
    ++svc_.counters().errors[tenant->row.name];
    co_return xml_error("tenantNotActive", "This organization's access to the service is not active yet.");
  }
  Call c{req, *tenant, std::move(auth->params)};
  if (call == "create") co_return co_await create(c);
  if (call == "join") co_return co_await join(c);
  if (call == "getMeetings") co_return co_await get_meetings(c);
  if (call == "end" || call == "isMeetingRunning" || call == "getMeetingInfo" || call == "sendChatMessage" ||
      call == "insertDocument")
    co_return co_await forward(c, call);
  if (call == "getSessions") co_return co_await get_sessions(c);
  if (call.starts_with("hooks/")) co_return co_await hooks(c, call);
  co_return co_await recordings(c, call);
}

asio::awaitable<HttpResponse> GatewayApi::forward(Call& c, std::string_view call) {
  const auto* id = c.params.find("meetingID");
  if (!id || id->empty()) co_return HttpResponse::xml(bbb::errors::missing_meeting_id());
  std::string meeting_id = *id;
  std::int64_t tenant_id = c.tenant.row.id;
  bool by_internal_too = call == "getMeetingInfo";
  auto row = co_await svc_.store().run([&](store::Connection& conn) {
    auto found = db::find_live_meeting(conn, tenant_id, meeting_id);
    if (!found && by_internal_too) found = db::find_live_meeting_by_internal_id(conn, tenant_id, meeting_id);
    return found;
  });
  auto not_here = [&]() -> HttpResponse {
    if (call == "isMeetingRunning")
      return HttpResponse::xml("<response><returncode>SUCCESS</returncode><running>false</running></response>");
    if (call == "sendChatMessage") return xml_error("meetingNotFound", "Meeting not found or not active");
    if (call == "insertDocument")
      return HttpResponse::xml("<response><returncode>FAILED</returncode><message>Meeting with id [" +
                               bbb::xml_escape(meeting_id) + "] not found.</message></response>");
    return HttpResponse::xml(bbb::errors::not_found());
  };
  if (!row || !row->server_id) co_return not_here();
  const auto* snap = svc_.pool().snapshot(*row->server_id);
  auto target = svc_.pool().target(*row->server_id);
  if (!snap || !target || !accepts_joins(*snap)) {
    if (call == "end") {
      // The tenant wants it over; its server cannot hear it, so it must not come back at the next join.
      std::int64_t mid = row->id;
      co_await svc_.store().run([&](store::Connection& conn) { db::end_meeting(conn, mid, util::now_millis()); });
      co_return HttpResponse::xml(bbb::success_xml(
          "sentEndMeetingRequest",
          "A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or "
          "isMeetingRunning API calls to verify that it was ended."));
    }
    co_return not_here();
  }

  auto params = backend_params(c.params, row->backend_id);
  std::string body;
  std::string type;
  if (call == "insertDocument") {
    body = c.req.body;
    type = c.req.content_type();
  }
  auto reply = co_await svc_.backend().call(*target, call, params,
                                            std::chrono::milliseconds(svc_.config().backend_timeout_ms), body, type);
  if (!reply) {
    svc_.pool().poll_soon(*row->server_id);
    ++svc_.counters().errors[c.tenant.row.name];
    if (call == "isMeetingRunning") co_return not_here();
    co_return xml_error("serverUnavailable", "The server hosting this meeting did not answer.");
  }
  auto callbacks = InterceptedCallbacks::from_json(row->callbacks);
  auto mapped = tenant_response(
      reply->body,
      [&](std::string_view b) -> std::optional<std::string> {
        if (b == row->backend_id) return row->meeting_id;
        return std::nullopt;
      },
      callbacks);
  if (!mapped) co_return xml_error("internalError", "The server's answer could not be read.");
  const bool succeeded = mapped->find("<returncode>SUCCESS</returncode>") != std::string::npos;
  if (call == "end" && succeeded) {
    std::int64_t mid = row->id;
    co_await svc_.store().run([&](store::Connection& conn) { db::end_meeting(conn, mid, util::now_millis()); });
  }
  if (call == "insertDocument" && succeeded) {
    // Kept for the server a failover moves the meeting to.
    std::int64_t mid = row->id;
    db::MeetingDocument d{"insertDocument", type, std::move(body)};
    co_await svc_.store().run(
        [&](store::Connection& conn) { db::add_meeting_document(conn, mid, d, util::now_millis()); });
  }
  co_return HttpResponse::xml(std::move(*mapped));
}

asio::awaitable<std::map<std::int64_t, std::string>> GatewayApi::fan_out(const std::vector<db::MeetingRow>& rows,
                                                                          std::string_view call) {
  // Only the servers that hold the tenant's meetings are asked, all at once;
  // one that does not answer within the fan-out timeout is left out.
  std::set<std::int64_t> servers;
  for (const auto& r : rows)
    if (r.server_id) servers.insert(*r.server_id);
  auto ex = co_await asio::this_coro::executor;
  auto parts = std::make_shared<std::map<std::int64_t, std::string>>();
  auto pending = std::make_shared<std::size_t>(0);
  auto done = std::make_shared<asio::steady_timer>(ex, asio::steady_timer::time_point::max());
  for (auto sid : servers) {
    auto target = svc_.pool().target(sid);
    const auto* snap = svc_.pool().snapshot(sid);
    if (!target || !snap || !accepts_joins(*snap)) continue;
    ++*pending;
    asio::co_spawn(
        ex,
        [](GatewayService& svc, BackendTarget t, std::int64_t id, std::string name,
           std::shared_ptr<std::map<std::int64_t, std::string>> out, std::shared_ptr<std::size_t> left,
           std::shared_ptr<asio::steady_timer> wake) -> asio::awaitable<void> {
          const bbb::Params none;  // named: see ServerPool::poll_loop
          auto reply =
              co_await svc.backend().call(t, name, none, std::chrono::milliseconds(svc.config().fanout_timeout_ms));
          if (reply && reply->status == 200) (*out)[id] = std::move(reply->body);
          if (--*left == 0) wake->cancel();
        }(svc_, *target, sid, std::string(call), parts, pending, done),
        asio::detached);
  }
  if (*pending > 0) co_await done->async_wait(asio::as_tuple(asio::use_awaitable));
  co_return std::move(*parts);
}

asio::awaitable<HttpResponse> GatewayApi::get_meetings(Call& c) {
  std::int64_t tenant_id = c.tenant.row.id;
  auto rows = co_await svc_.store().run(
      [&](store::Connection& conn) { return db::list_live_meetings_by_tenant(conn, tenant_id); });
  std::map<std::string, const db::MeetingRow*> by_backend;
  for (const auto& r : rows) by_backend[r.backend_id] = &r;
  auto parts = co_await fan_out(rows, "getMeetings");

  auto to_tenant = [&](std::string_view b) -> std::optional<std::string> {
    auto it = by_backend.find(std::string(b));
    if (it == by_backend.end()) return std::nullopt;
    return it->second->meeting_id;
  };
  auto callbacks_of = [&](std::string_view b) {
    auto it = by_backend.find(std::string(b));
    return it == by_backend.end() ? InterceptedCallbacks{} : InterceptedCallbacks::from_json(it->second->callbacks);
  };
  std::string meetings;
  for (const auto& [sid, xml] : parts)
    if (auto m = tenant_meetings(xml, to_tenant, callbacks_of)) meetings += *m;
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  if (meetings.empty())
    w.empty("meetings").elem("messageKey", "noMeetings").elem("message", "no meetings were found on this server");
  else
    w.open("meetings").raw(meetings).close();
  co_return HttpResponse::xml(std::move(w).str());
}

asio::awaitable<HttpResponse> GatewayApi::get_sessions(Call& c) {
  std::int64_t tenant_id = c.tenant.row.id;
  auto rows = co_await svc_.store().run(
      [&](store::Connection& conn) { return db::list_live_meetings_by_tenant(conn, tenant_id); });
  std::set<std::string, std::less<>> internal_ids;
  for (const auto& r : rows)
    if (!r.internal_id.empty()) internal_ids.insert(r.internal_id);
  std::string sessions;
  if (!internal_ids.empty()) {
    auto parts = co_await fan_out(rows, "getSessions");
    for (const auto& [sid, xml] : parts)
      if (auto s = tenant_sessions(xml, [&](std::string_view id) { return internal_ids.contains(id); })) sessions += *s;
  }
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  if (sessions.empty())
    // BBB's own typo ("serverr"), kept for clients that compare the text.
    w.empty("sessions").elem("messageKey", "noSessions").elem("message", "no sessions were found on this serverr");
  else
    w.open("sessions").raw(sessions).close();
  co_return HttpResponse::xml(std::move(w).str());
}

asio::awaitable<HttpResponse> GatewayApi::metrics() {
  std::string out;
  auto head = [&](const char* name, const char* help, const char* type) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  };
  auto snaps = svc_.pool().snapshots();
  auto per_server = [&](const char* name, const char* help, auto value) {
    head(name, help, "gauge");
    for (const auto& s : snaps) out += std::string(name) + "{server=\"" + std::to_string(s.id) + "\"} " + value(s) + "\n";
  };
  per_server("bluemeet_gateway_server_online", "1 when the server answers its polls.",
             [](const ServerSnapshot& s) { return std::string(s.health == Health::online ? "1" : "0"); });
  per_server("bluemeet_gateway_server_meetings", "Meetings on the server at its last poll.",
             [](const ServerSnapshot& s) { return std::to_string(s.meetings); });
  per_server("bluemeet_gateway_server_participants", "Participants on the server at its last poll.",
             [](const ServerSnapshot& s) { return std::to_string(s.participants); });
  per_server("bluemeet_gateway_server_poll_seconds", "How long the server's last poll took.",
             [&](const ServerSnapshot& s) {
               auto ms = svc_.pool().last_poll_ms(s.id);
               return ms < 0 ? std::string("NaN") : std::to_string(static_cast<double>(ms) / 1000.0);
             });
  auto now = util::now_millis();
  per_server("bluemeet_gateway_server_load", "The load placement sees (polls plus reservations).",
             [&](const ServerSnapshot& s) { return std::to_string(svc_.pool().load(s, now)); });

  // Per tenant: live meetings from the database, participants from the polls.
  auto rows = co_await svc_.store().run([](store::Connection& c) { return db::live_backend_ids_by_tenant(c); });
  head("bluemeet_gateway_tenant_meetings", "The tenant's meetings that have not ended.", "gauge");
  for (const auto& [tid, ids] : rows)
    if (const auto* t = svc_.tenants().find(tid))
      out += "bluemeet_gateway_tenant_meetings{tenant=\"" + t->row.name + "\"} " + std::to_string(ids.size()) + "\n";
  head("bluemeet_gateway_tenant_participants", "Participants in the tenant's meetings at the last polls.", "gauge");
  for (const auto& [tid, ids] : rows) {
    const auto* t = svc_.tenants().find(tid);
    if (!t) continue;
    std::int64_t n = 0;
    for (const auto& id : ids) n += svc_.pool().participants(id);
    out += "bluemeet_gateway_tenant_participants{tenant=\"" + t->row.name + "\"} " + std::to_string(n) + "\n";
  }
  if (auto* importer = svc_.recordings()) {
    auto counts = co_await svc_.store().run([](store::Connection& c) { return db::count_recordings_by_tenant(c); });
    head("bluemeet_gateway_tenant_recordings", "The tenant's recordings (not deleted).", "gauge");
    for (const auto& [tid, n] : counts)
      if (const auto* t = svc_.tenants().find(tid))
        out += "bluemeet_gateway_tenant_recordings{tenant=\"" + t->row.name + "\"} " + std::to_string(n) + "\n";
    auto imports = importer->counters();
    head("bluemeet_gateway_recording_imports_total", "Recording imports by outcome (retried: will be tried again).",
         "counter");
    out += "bluemeet_gateway_recording_imports_total{outcome=\"imported\"} " + std::to_string(imports.imported) + "\n";
    out += "bluemeet_gateway_recording_imports_total{outcome=\"failed\"} " + std::to_string(imports.failed) + "\n";
    out += "bluemeet_gateway_recording_imports_total{outcome=\"retried\"} " + std::to_string(imports.retried) + "\n";
  }
  head("bluemeet_gateway_config_version", "The configuration version this gateway has applied.", "gauge");
  out += "bluemeet_gateway_config_version " + std::to_string(svc_.config_version()) + "\n";
  head("bluemeet_gateway_tenant_requests_total", "API calls by tenant.", "counter");
  for (const auto& [t, n] : svc_.counters().requests)
    out += "bluemeet_gateway_tenant_requests_total{tenant=\"" + t + "\"} " + std::to_string(n) + "\n";
  head("bluemeet_gateway_tenant_errors_total", "API calls by tenant that failed.", "counter");
  for (const auto& [t, n] : svc_.counters().errors)
    out += "bluemeet_gateway_tenant_errors_total{tenant=\"" + t + "\"} " + std::to_string(n) + "\n";
  svc_.counters().latency.render(out, "bluemeet_gateway_request_duration_seconds", "Time to answer API calls.");
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = std::move(out);
  co_return r;
}

}  // namespace bluemeet::gateway
