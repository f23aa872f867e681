// The meeting calls of the BBB API: create, join, end, isMeetingRunning,
// getMeetingInfo, getMeetings, getSessions, sendChatMessage, insertDocument.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "bbb/meta.h"
#include "bbb/request.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "net/url.h"
#include "node/api.h"
#include "node/meeting_xml.h"
#include "node/service.h"
#include "util/random.h"
#include "util/text.h"

namespace bluemeet::node {

using net::HttpResponse;

namespace {

HttpResponse xml_error(std::string_view key, std::string_view message) {
  return HttpResponse::xml(bbb::error_xml(key, message));
}

// BBB's join errors go back to the browser as a redirect carrying
// ?errors=[{"key":..,"message":..}], unless the caller asked for XML.
HttpResponse join_error(bool redirect, const std::string& target, std::string_view key, std::string_view message) {
  if (!redirect) return xml_error(key, message);
  boost::json::array errors{boost::json::object{{"key", key}, {"message", message}}};
  return HttpResponse::redirect(bbb::append_query(target, "errors=" + bbb::percent_encode(boost::json::serialize(errors))));
}

// BBB's pre-uploaded presentations come as a <modules> XML body of a POST.
bool has_modules_body(const net::HttpRequest& req) {
  return bbb::is_xml_body(req.method == net::Method::post, req.content_type(), req.body);
}

void log_skipped(const std::string& meeting, const std::vector<std::string>& skipped) {
  for (const auto& why : skipped) spdlog::warn("meeting {}: a document was left out: {}", meeting, why);
}

}  // namespace

boost::asio::awaitable<HttpResponse> NodeApi::create(Call& c) {
  auto parsed = parse_create(c.params, svc_.config().defaults);
  if (auto* err = std::get_if<CreateError>(&parsed)) co_return xml_error(err->key, err->message);
  auto& options = std::get<CreateOptions>(parsed);
  ParsedModules modules;
  if (has_modules_body(c.req)) {
    auto read = co_await svc_.presentation_files().parse(c.req.body);
    if (std::holds_alternative<ModulesError>(read))
      co_return xml_error("invalidXML", "The XML in the request body is not valid.");
    modules = std::move(std::get<ParsedModules>(read));
  }

  auto& reg = svc_.registry();
  Meeting* existing = reg.find(options.meeting_id);
  bool is_new_id = !existing || existing->ended();
  std::size_t live = 0;
  for (Meeting* m : reg.all()) live += !m->ended();
  if (is_new_id && live >= svc_.config().max_meetings)
    co_return xml_error("maxConcurrent", "This server has reached its maximum number of meetings.");

  std::string server_url = svc_.config().public_url;
  auto outcome = reg.create(std::move(options), svc_.now());
  if (outcome.error) {
    if (outcome.errors_envelope)
      co_return HttpResponse::xml(bbb::errors_xml({{outcome.error->key, outcome.error->message}}));
    co_return xml_error(outcome.error->key, outcome.error->message);
  }
  Meeting& m = *outcome.meeting;
  if (!outcome.duplicate) {
    // Keywords need the voice bridge, which the registry just chose.
    m.finish_messages(server_url);
    co_await svc_.on_created(m, c.params);
    log_skipped(m.internal_id(), modules.skipped);
    // By internal ID: the meeting may be gone when the documents are stored.
    const std::string internal_id = m.internal_id();
    co_await svc_.add_documents(internal_id, modules.documents);
    Meeting* now = svc_.registry().by_internal(internal_id);
    if (!now) co_return xml_error("internalError", "The meeting ended while it was being created.");
    co_return HttpResponse::xml(create_response_xml(*now, false));
  }
  co_return HttpResponse::xml(create_response_xml(m, outcome.duplicate));
}

HttpResponse NodeApi::join(Call& c) {
  const auto& p = c.params;
  bool redirect = p.get_bool("redirect", true);
  Meeting* m = nullptr;
  if (const auto* id = p.find("meetingID")) m = svc_.registry().find(*id);
  std::string error_target = p.get("errorRedirectUrl", p.get("redirectErrorUrl"));
  if (!net::parse_http_url(error_target)) error_target = svc_.logout_url_for(m, nullptr);

  const std::string full_name_raw = p.get("fullName");
  auto full_name = util::trim(full_name_raw);
  if (full_name.empty())
    return join_error(redirect, error_target, "missingParamFullName",
                      "You must specify a name for the attendee who will be joining the meeting.");
  if (!p.has("meetingID") || util::trim(p.get("meetingID")).empty())
    return join_error(redirect, error_target, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
  if (!m) return join_error(redirect, error_target, "notFound", "A meeting with that ID does not exist");
  if (m->ended())
    return join_error(redirect, error_target, "meetingForciblyEnded",
                      "You can not re-join a meeting that has been forcibly ended.  Please check the meeting ID and try again.");
  if (const auto* ct = p.find("createTime"); ct && !ct->empty() && *ct != std::to_string(m->create_time()))
    return join_error(redirect, error_target, "mismatchCreateTimeParam",
                      "The createTime parameter submitted mismatches with the current meeting.");

  JoinRequest jr;
  jr.full_name = std::string(full_name);
  if (const auto* role = p.find("role")) {
    if (util::iequals(*role, "moderator")) jr.role = Role::moderator;
    else if (util::iequals(*role, "viewer")) jr.role = Role::viewer;
  }
  if (const auto* pw = p.find("password")) jr.password = *pw;
  jr.ext_user_id = util::utf8_truncate(util::clean_text(p.get("userID")), 256);
  jr.guest = p.get_bool("guest", false);
  jr.avatar_url = p.get("avatarURL");
  if (auto logout = p.get("logoutURL"); net::parse_http_url(logout)) jr.logout_url = logout;
  jr.customdata = bbb::collect_userdata(p);

  auto user_id = "w_" + util::random_lower_alnum(12);
  auto token = util::random_lower_alnum(16);
  auto result = m->join(jr, user_id, token, util::random_lower_alnum(12), svc_.now());
  if (auto* err = std::get_if<JoinError>(&result)) {
    if (err->xml) return xml_error(err->key, err->message);
    return join_error(redirect, error_target, err->key, err->message);
  }
  const User& u = *std::get<const User*>(result);
  svc_.registry().index_session(token, m->internal_id(), u.user_id);
  auto url = svc_.client_url(token);
  if (!redirect) return HttpResponse::xml(join_response_xml(*m, u, url));
  return HttpResponse::redirect(url);
}

HttpResponse NodeApi::end(Call& c) {
  const auto* id = c.params.find("meetingID");
  if (!id || id->empty()) return HttpResponse::xml(bbb::errors::missing_meeting_id());
  Meeting* m = svc_.registry().find(*id);
  if (!m) return HttpResponse::xml(bbb::errors::not_found());
  if (const auto* pw = c.params.find("password"); pw && !pw->empty() && *pw != m->options().moderator_pw)
    return xml_error("invalidPassword", "You must supply the moderator password for this call.");
  svc_.dispatch(*m, m->end(EndReason::api, svc_.now()));
  return HttpResponse::xml(bbb::success_xml(
      "sentEndMeetingRequest",
      "A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or "
      "isMeetingRunning API calls to verify that it was ended."));
}

HttpResponse NodeApi::is_meeting_running(Call& c) {
  const auto* id = c.params.find("meetingID");
  if (!id || id->empty()) return HttpResponse::xml(bbb::errors::missing_meeting_id());
  Meeting* m = svc_.registry().find(*id);
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("running", m != nullptr && m->running());
  return HttpResponse::xml(std::move(w).str());
}

HttpResponse NodeApi::get_meeting_info(Call& c) {
  const auto* id = c.params.find("meetingID");
  if (!id || id->empty()) return HttpResponse::xml(bbb::errors::missing_meeting_id());
  Meeting* m = svc_.registry().find(*id);
  if (!m) return HttpResponse::xml(bbb::errors::not_found());
  return HttpResponse::xml(meeting_info_xml(*m));
}

HttpResponse NodeApi::get_meetings(Call&) {
  std::vector<Meeting*> live;
  for (Meeting* m : svc_.registry().all())
    if (!m->ended()) live.push_back(m);
  return HttpResponse::xml(meetings_xml(live));
}

HttpResponse NodeApi::get_sessions(Call&) {
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  std::size_t n = 0;
  bbb::XmlWriter items;
  for (Meeting* m : svc_.registry().all()) {
    if (m->ended()) continue;
    for (const User* u : m->attendees()) {
      items.open("meeting").elem("meetingID", m->internal_id()).elem("meetingName", m->options().name);
      items.elem("userName", u->name).close();
      ++n;
    }
  }
  if (n == 0) {
    w.empty("sessions").elem("messageKey", "noSessions").elem("message", "no sessions were found on this serverr");
  } else {
    w.open("sessions").raw(items.view()).close();
  }
  return HttpResponse::xml(std::move(w).str());
}

HttpResponse NodeApi::send_chat_message(Call& c) {
  const auto* id = c.params.find("meetingID");
  if (!id || id->empty()) return HttpResponse::xml(bbb::errors::missing_meeting_id());
  auto message = util::clean_text(util::trim(c.params.get("message")), true);
  auto len = util::utf8_length(message);
  if (len < 1 || len > kMaxChatLength)
    return xml_error("validationError", "Message must be between 1 and 500 characters");
  auto user_name = util::clean_text(util::trim(c.params.get("userName", "System")));
  if (util::utf8_length(user_name) > 255) return xml_error("validationError", "User name must be at most 255 characters");
  if (user_name.empty()) user_name = "System";
  Meeting* m = svc_.registry().find(*id);
  if (!m || m->ended()) return xml_error("meetingNotFound", "Meeting not found or not active");
  svc_.dispatch(*m, m->api_chat(user_name, message, svc_.now()));
  // BBB answers success with an empty messageKey and message.
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("messageKey", "").elem("message", "");
  return HttpResponse::xml(std::move(w).str());
}

boost::asio::awaitable<HttpResponse> NodeApi::insert_document(Call& c) {
  const auto* id = c.params.find("meetingID");
  auto failed = [](std::string_view message) {
    bbb::XmlWriter w;
    w.open("response").elem("returncode", "FAILED").elem("message", message);
    return HttpResponse::xml(std::move(w).str());
  };
  if (!id || id->empty()) co_return HttpResponse::xml(bbb::errors::missing_meeting_id());
  Meeting* m = svc_.registry().find(*id);
  if (!m || m->ended()) co_return failed("Meeting with id [" + *id + "] not found.");
  if (c.req.body.empty()) co_return failed("Invalid XML in the request body.");
  const std::string internal_id = m->internal_id();
  auto read = co_await svc_.presentation_files().parse(c.req.body);
  if (std::holds_alternative<ModulesError>(read)) co_return failed("Invalid XML in the request body.");
  auto& modules = std::get<ParsedModules>(read);
  log_skipped(internal_id, modules.skipped);
  co_await svc_.add_documents(internal_id, modules.documents);
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("message", "Presentation is being uploaded");
  co_return HttpResponse::xml(std::move(w).str());
}

}  // namespace bluemeet::node
