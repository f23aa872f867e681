// create and join through the gateway: placement, the meeting's row, failover,
// and the 302 to the server that holds the meeting.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "bbb/request.h"
#include "bbb/responses.h"
#include "gateway/api.h"
#include "gateway/service.h"
#include "net/url.h"
#include "util/random.h"
#include "util/text.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

using net::HttpResponse;

namespace {

HttpResponse xml_error(std::string_view key, std::string_view message) {
  return HttpResponse::xml(bbb::error_xml(key, message));
}

// The checks the gateway makes itself before placing anything; the server
// checks the rest and its answer is passed on.
std::optional<HttpResponse> invalid_create(const bbb::Params& p) {
  const auto* id = p.find("meetingID");
  if (!id || util::trim(*id).empty()) return HttpResponse::xml(bbb::errors::missing_meeting_id());
  auto len = util::utf8_length(*id);
  if (len < 2 || len > 256 || id->find(',') != std::string::npos)
    return xml_error("validationError", "Meeting ID must be between 2 and 256 characters and cannot contain commas");
  if (util::trim(p.get("name")).empty()) return xml_error("validationError", "You must provide a meeting name");
  return std::nullopt;
}

// BBB's pre-uploaded presentations: a POST create whose body is <modules> XML
// (its checksum covers the query only). The server that gets the meeting
// reads it; the gateway keeps it for a failover.
std::vector<db::MeetingDocument> create_documents(const net::HttpRequest& req) {
  auto type = req.content_type();
  if (!bbb::is_xml_body(req.method == net::Method::post, type, req.body)) return {};
  return {db::MeetingDocument{"create", std::string(type), req.body}};
}

std::string random_bridge() { return std::to_string(util::random_between(10000, 99999)); }

HttpResponse join_error(bool redirect, const std::string& target, std::string_view key, std::string_view message) {
  if (!redirect) return xml_error(key, message);
  boost::json::array errors{boost::json::object{{"key", key}, {"message", message}}};
  return HttpResponse::redirect(bbb::append_query(target, "errors=" + bbb::percent_encode(boost::json::serialize(errors))));
}

}  // namespace

asio::awaitable<HttpResponse> GatewayApi::create(Call& c) {
  bbb::Params params = apply_policy(c.params, c.tenant.policy);
  if (auto bad = invalid_create(params)) co_return std::move(*bad);
  // The tenant's per-meeting limit becomes the meeting's maxParticipants, which the server enforces.
  if (auto limit = c.tenant.row.limits.max_participants_per_meeting; limit > 0) {
    auto asked = params.get_uint("maxParticipants", INT64_MAX);
    if (!asked || *asked == 0 || *asked > limit) params.set("maxParticipants", std::to_string(limit));
  }
  const std::string meeting_id(util::trim(params.get("meetingID")));
  std::int64_t tenant_id = c.tenant.row.id;
  auto& store = svc_.store();

  for (int attempt = 0; attempt < 5; ++attempt) {
    auto existing = co_await store.run([&](store::Connection& conn) { return db::find_live_meeting(conn, tenant_id, meeting_id); });
    if (existing) {
      // BBB's repeat create: the server that holds the meeting answers it
      // (duplicateWarning or idNotUnique), after a failover if need be.
      auto placed = co_await svc_.ensure_placed(c.tenant, *existing);
      if (auto* f = std::get_if<PlacementFailure>(&placed)) co_return xml_error(f->key, f->message);
      const auto& row = std::get<db::MeetingRow>(placed);
      auto target = svc_.pool().target(*row.server_id);
      auto backend = backend_create(params, row.backend_id, row.voice_bridge,
                                    [&](std::string_view k) { return svc_.callback_url(row.id, k); });
      auto reply = co_await svc_.backend().call(*target, "create", backend.params,
                                                std::chrono::milliseconds(svc_.config().backend_timeout_ms));
      if (!reply) co_return xml_error("serverUnavailable", "The server hosting this meeting did not answer.");
      auto mapped = tenant_response(
          reply->body, [&](std::string_view b) -> std::optional<std::string> {
            return b == row.backend_id ? std::optional<std::string>(row.meeting_id) : std::nullopt;
          },
          InterceptedCallbacks::from_json(row.callbacks));
      if (!mapped) co_return xml_error("internalError", "The server's answer could not be read.");
      co_return HttpResponse::xml(std::move(*mapped));
    }

    const auto& limits = c.tenant.row.limits;
    if (limits.max_meetings > 0) {
      auto live = co_await store.run([&](store::Connection& conn) { return db::count_live_meetings(conn, tenant_id); });
      if (live >= limits.max_meetings) {
        ++svc_.counters().errors[c.tenant.row.name];
        co_return xml_error("maxConcurrent", "This organization has reached its maximum number of concurrent meetings.");
      }
    }
    std::string backend_id = backend_meeting_id(c.tenant.row.name, meeting_id);
    auto chosen = svc_.pool().place(svc_.placement_request(c.tenant, params), backend_id, util::now_millis());
    if (auto* err = std::get_if<PlacementError>(&chosen)) {
      ++svc_.counters().errors[c.tenant.row.name];
      co_return xml_error(placement_error_key(*err), *err == PlacementError::serverTagUnavailable
                                                         ? "No server carries the required tag."
                                                         : "No server is available to host the meeting.");
    }
    // The voice bridge is the federation's: unique over every tenant's live meetings.
    const std::string wanted_bridge(util::trim(params.get("voiceBridge")));
    db::MeetingRow row;
    row.tenant_id = tenant_id;
    row.meeting_id = meeting_id;
    row.backend_id = backend_id;
    row.server_id = std::get<std::int64_t>(chosen);
    row.create_params = params.encode();
    row.callbacks = backend_create(params, backend_id, "", [](std::string_view) { return std::string(); }).callbacks.to_json();
    row.created_at = util::now_millis();
    db::Inserted ins;
    const std::int64_t max_meetings = c.tenant.row.limits.max_meetings;
    const auto documents = create_documents(c.req);
    for (int b = 0; b < 20; ++b) {
      row.voice_bridge = wanted_bridge.empty() ? random_bridge() : wanted_bridge;
      ins = co_await store.run([&](store::Connection& conn) {
        auto inserted = db::insert_meeting_within_limit(conn, row, max_meetings);
        if (inserted.outcome == db::InsertOutcome::inserted)
          for (const auto& d : documents) db::add_meeting_document(conn, inserted.id, d, row.created_at);
        return inserted;
      });
      if (ins.outcome != db::InsertOutcome::voice_bridge_taken || !wanted_bridge.empty()) break;
    }
    if (ins.outcome == db::InsertOutcome::over_limit) {
      ++svc_.counters().errors[c.tenant.row.name];
      co_return xml_error("maxConcurrent", "This organization has reached its maximum number of concurrent meetings.");
    }
    if (ins.outcome == db::InsertOutcome::voice_bridge_taken)
      co_return HttpResponse::xml(bbb::errors_xml({{"nonUniqueVoiceBridge", "The selected voice bridge is already in use."}}));
    if (ins.outcome == db::InsertOutcome::meeting_exists) continue;  // another request created it first: join that one
    if (ins.outcome == db::InsertOutcome::backend_id_taken)
      co_return xml_error("idNotUnique", "A meeting already exists with that meeting ID.  Please use a different meeting ID.");
    row.id = ins.id;
    auto answer = co_await svc_.create_on_server(row, &documents);
    if (!answer) {
      // Nothing was created: the row must not pin the meeting to a server that did not answer.
      std::int64_t id = row.id;
      co_await store.run([&](store::Connection& conn) { db::end_meeting(conn, id, util::now_millis()); });
      ++svc_.counters().errors[c.tenant.row.name];
      co_return xml_error("serverUnavailable", "The chosen server did not answer; please try again.");
    }
    auto mapped = tenant_response(
        *answer, [&](std::string_view b) -> std::optional<std::string> {
          return b == row.backend_id ? std::optional<std::string>(row.meeting_id) : std::nullopt;
        },
        InterceptedCallbacks::from_json(row.callbacks));
    if (!mapped || mapped->find("<returncode>SUCCESS</returncode>") == std::string::npos) {
      // The server refused it (bad parameters): forget the row, pass the answer on.
      std::int64_t id = row.id;
      co_await store.run([&](store::Connection& conn) { db::end_meeting(conn, id, util::now_millis()); });
    }
    if (!mapped) co_return xml_error("internalError", "The server's answer could not be read.");
    co_return HttpResponse::xml(std::move(*mapped));
  }
  co_return xml_error("internalError", "The meeting could not be created; please try again.");
}

asio::awaitable<HttpResponse> GatewayApi::join(Call& c) {
  const auto& p = c.params;
  bool redirect = p.get_bool("redirect", true);
  std::string error_target = p.get("errorRedirectUrl", p.get("redirectErrorUrl"));
  if (!net::parse_http_url(error_target)) error_target = p.get("logoutURL");
  if (!net::parse_http_url(error_target))
    error_target = svc_.config().default_logout_url.empty() ? svc_.config().public_url + "/" : svc_.config().default_logout_url;
  if (util::trim(p.get("fullName")).empty())
    co_return join_error(redirect, error_target, "missingParamFullName",
                         "You must specify a name for the attendee who will be joining the meeting.");
  std::string meeting_id = p.get("meetingID");
  if (util::trim(meeting_id).empty())
    co_return join_error(redirect, error_target, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
  std::int64_t tenant_id = c.tenant.row.id;
  auto row = co_await svc_.store().run([&](store::Connection& conn) { return db::find_live_meeting(conn, tenant_id, meeting_id); });
  if (!row) co_return join_error(redirect, error_target, "notFound", "A meeting with that ID does not exist");
  if (auto limit = c.tenant.row.limits.max_participants; limit > 0) {
    // Counted from the servers' last polls: a burst of joins between polls may pass it by a little.
    auto live = co_await svc_.store().run(
        [&](store::Connection& conn) { return db::list_live_meetings_by_tenant(conn, tenant_id); });
    std::int64_t total = 0;
    for (const auto& m : live) total += svc_.pool().participants(m.backend_id);
    if (total >= limit) {
      ++svc_.counters().errors[c.tenant.row.name];
      co_return join_error(redirect, error_target, "maxParticipantsReached",
                           "This organization has reached its maximum number of participants.");
    }
  }
  auto placed = co_await svc_.ensure_placed(c.tenant, *row);
  if (auto* f = std::get_if<PlacementFailure>(&placed)) co_return join_error(redirect, error_target, f->key, f->message);
  const auto& r = std::get<db::MeetingRow>(placed);
  auto target = svc_.pool().target(*r.server_id);
  if (!target) co_return join_error(redirect, error_target, "serverUnavailable", "No server can take this meeting now.");

  auto params = backend_params(p, r.backend_id);
  // The meeting may have moved since the client learned its createTime: the
  // gateway vouches for the meeting's identity, so the server's current one stands.
  if (params.has("createTime") && r.create_time != 0) params.set("createTime", std::to_string(r.create_time));
  svc_.pool().joined(*r.server_id, r.backend_id, util::now_millis());
  if (redirect) co_return HttpResponse::redirect(backend_url(*target, "join", params));

  auto reply = co_await svc_.backend().call(*target, "join", params, std::chrono::milliseconds(svc_.config().backend_timeout_ms));
  if (!reply) co_return xml_error("serverUnavailable", "The server hosting this meeting did not answer.");
  // The answer carries the server's internal ID and the client URL, which the browser uses directly.
  co_return HttpResponse::xml(std::move(reply->body));
}

}  // namespace bluemeet::gateway
