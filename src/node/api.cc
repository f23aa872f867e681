#include "node/api.h"

#include <array>

#include "bbb/checksum.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "node/service.h"
#include "node/web_assets.h"
#include "util/text.h"

namespace bluemeet::node {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;

namespace {

constexpr std::string_view kApiPrefix = "/bigbluebutton/api";

HttpResponse index_response() {
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("version", "2.0").elem("apiVersion", "2.0");
  w.elem("bbbVersion", "3.0.0-bluemeet");
  return HttpResponse::xml(std::move(w).str());
}

enum class Allowed { get_post, get_only, post_only };

struct CallInfo {
  std::string_view name;
  Allowed methods;
};

// The calls that need a checksum, with BBB 3.0's HTTP methods (UrlMappings.groovy).
constexpr std::array kCalls{
    CallInfo{"create", Allowed::get_post},          CallInfo{"join", Allowed::get_only},
    CallInfo{"end", Allowed::get_post},             CallInfo{"isMeetingRunning", Allowed::get_post},
    CallInfo{"getMeetingInfo", Allowed::get_post},  CallInfo{"getMeetings", Allowed::get_post},
    CallInfo{"getSessions", Allowed::get_post},     CallInfo{"sendChatMessage", Allowed::get_only},
    CallInfo{"insertDocument", Allowed::post_only}, CallInfo{"hooks/create", Allowed::get_post},
    CallInfo{"hooks/list", Allowed::get_post},      CallInfo{"hooks/destroy", Allowed::get_post},
    CallInfo{"getRecordings", Allowed::get_post},   CallInfo{"publishRecordings", Allowed::get_only},
    CallInfo{"deleteRecordings", Allowed::get_only}, CallInfo{"updateRecordings", Allowed::get_post},
    CallInfo{"getRecordingTextTracks", Allowed::get_post}, CallInfo{"putRecordingTextTrack", Allowed::post_only},
};

// Invalid UTF-8 in a decoded parameter becomes U+FFFD, as a servlet container
// decodes it, so that no raw byte reaches XML, JSON or WebSocket output.
bbb::Params valid_utf8(const bbb::Params& p) {
  bbb::Params out;
  for (const auto& [k, v] : p.entries()) out.add(util::to_valid_utf8(k), util::to_valid_utf8(v));
  return out;
}

bool is_form(const HttpRequest& r) { return r.content_type() == "application/x-www-form-urlencoded"; }

bool supported_post_type(const std::string& t) {
  return t == "application/x-www-form-urlencoded" || t == "multipart/form-data" || t == "application/xml" ||
         t == "text/xml";
}

}  // namespace

NodeApi::NodeApi(NodeService& svc, const WebAssets& assets) : svc_(svc), assets_(assets) {}

boost::asio::awaitable<HttpResponse> NodeApi::handle(HttpRequest& req) {
  auto path = req.path();
  if (path == kApiPrefix || path == "/bigbluebutton/api/") {
    if (req.method != Method::get && req.method != Method::head && req.method != Method::post)
      co_return HttpResponse::text(405, "method not allowed\n");
    co_return std::move(index_response().with_header("Cache-Control", "no-cache"));
  }
  if (path.starts_with("/bigbluebutton/api/")) {
    auto r = co_await api(req, path.substr(kApiPrefix.size() + 1));
    co_return std::move(r.with_header("Cache-Control", "no-cache"));  // as BBB's ApiController
  }
  if (path == "/client" || path.starts_with("/client/")) co_return assets_.serve(path.substr(7));
  if (path == "/metrics") co_return metrics();
  if (path == "/health") co_return HttpResponse::text(200, "ok\n");
  if (path == "/") co_return HttpResponse::redirect("/bigbluebutton/api");
  co_return HttpResponse::text(404, "not found\n");
}

boost::asio::awaitable<HttpResponse> NodeApi::api(HttpRequest& req, std::string_view call) {
  if (call == "getJoinUrl" || call == "enter" || call == "guestWait" || call == "learningDashboard" ||
      call == "signOut" || call == "stuns")
    co_return session_token_call(req, call);
  if (call == "feedback") co_return HttpResponse::text(404, "not found\n");

  const CallInfo* info = nullptr;
  for (const auto& c : kCalls)
    if (c.name == call) info = &c;
  if (!info) co_return HttpResponse::xml(bbb::error_xml("unsupportedRequest", "This request is not supported."));

  bool is_post = req.method == Method::post;
  if ((info->methods == Allowed::get_only && is_post) || (info->methods == Allowed::post_only && !is_post) ||
      (req.method != Method::get && req.method != Method::post && req.method != Method::head)) {
    auto r = HttpResponse::xml(bbb::error_xml("unsupportedRequest", "This HTTP method is not supported for this call."));
    r.status = 405;
    co_return r;
  }
  if (req.query().size() > bbb::kMaxQueryBytes)
    co_return HttpResponse::xml(bbb::error_xml("paramError", "The query string is too long."));

  // The checksum comes before anything else, so nothing leaks to an unauthenticated caller.
  std::optional<std::string_view> form_body;
  if (is_post && is_form(req)) form_body = req.body;
  bbb::SignedRequest signed_req{call, req.query(), form_body};
  auto outcome = bbb::verify_checksum(signed_req, svc_.secrets(), svc_.checksum_options());
  if (!outcome.ok()) {
    if (call == "putRecordingTextTrack" || call == "getRecordingTextTracks")
      co_return HttpResponse::json(outcome.verdict == bbb::ChecksumVerdict::missing
                                       ? bbb::error_json("paramError", "Missing param checksum.")
                                       : bbb::error_json("checksumError", bbb::errors::kChecksumMessage));
    if (call.starts_with("hooks/"))
      co_return HttpResponse::xml(bbb::error_xml("checksumError", "You did not pass the checksum security check."));
    co_return HttpResponse::xml(bbb::errors::checksum());
  }
  if (is_post && !req.body.empty() && !supported_post_type(req.content_type()))
    co_return HttpResponse::xml(bbb::errors::unsupported_content_type());

  auto params = bbb::Params::parse(req.query());
  if (params && form_body) {
    auto body_params = bbb::Params::parse(*form_body);
    if (!body_params) params.reset();
    else
      for (const auto& [k, v] : body_params->entries())
        if (k != "checksum") params->add(k, v);
  }
  if (!params) co_return HttpResponse::xml(bbb::error_xml("paramError", "Too many parameters."));
  params->erase("checksum");
  Call c{req, valid_utf8(*params)};

  if (call == "create") co_return co_await create(c);
  if (call == "join") co_return join(c);
  if (call == "end") co_return end(c);
  if (call == "isMeetingRunning") co_return is_meeting_running(c);
  if (call == "getMeetingInfo") co_return get_meeting_info(c);
  if (call == "getMeetings") co_return get_meetings(c);
  if (call == "getSessions") co_return get_sessions(c);
  if (call == "sendChatMessage") co_return send_chat_message(c);
  if (call == "insertDocument") co_return insert_document(c);
  if (call == "hooks/create") co_return co_await hooks_create(c);
  if (call == "hooks/destroy") co_return co_await hooks_destroy(c);
  if (call == "hooks/list") co_return hooks_list(c);
  co_return recordings(c, call);
}

HttpResponse NodeApi::metrics() {
  auto s = svc_.stats();
  std::string out;
  auto gauge = [&](const char* name, const char* help, std::size_t v) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " +
           std::to_string(v) + "\n";
  };
  gauge("bluemeet_node_meetings", "Meetings that have not ended.", s.meetings);
  gauge("bluemeet_node_participants", "Participants in meetings.", s.participants);
  gauge("bluemeet_node_client_sockets", "Open client WebSockets.", s.sockets);
  gauge("bluemeet_node_hooks", "Webhook subscriptions.", s.hooks);
  gauge("bluemeet_node_pending_deliveries", "Callbacks and webhook events not yet delivered.", s.pending_deliveries);
  gauge("bluemeet_node_media_enabled", "1 when audio and video are available.", 0);
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = std::move(out);
  return r;
}

}  // namespace bluemeet::node
