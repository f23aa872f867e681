#include "node/api.h"

#include <array>

#include "bbb/request.h"
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "node/service.h"
#include "net/web_assets.h"

namespace bluemeet::node {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;

namespace {

constexpr std::string_view kApiPrefix = "/bigbluebutton/api";

}  // namespace

NodeApi::NodeApi(NodeService& svc, const net::WebAssets& assets) : svc_(svc), assets_(assets) {}

boost::asio::awaitable<HttpResponse> NodeApi::handle(HttpRequest& req) {
  auto path = req.path();
  if (path == kApiPrefix || path == "/bigbluebutton/api/") {
    if (req.method != Method::get && req.method != Method::head && req.method != Method::post)
      co_return HttpResponse::text(405, "method not allowed\n");
    co_return std::move(HttpResponse::xml(bbb::api_index_xml(svc_.media().enabled())).with_header("Cache-Control", "no-cache"));
  }
  if (path.starts_with("/bigbluebutton/presentation/"))
    co_return presentation_document(req, path.substr(std::string_view("/bigbluebutton/presentation/").size()));
  if (path.starts_with("/bigbluebutton/api/")) {
    auto r = co_await api(req, path.substr(kApiPrefix.size() + 1));
    co_return std::move(r.with_header("Cache-Control", "no-cache"));  // as BBB's ApiController
  }
  if (path == "/client" || path.starts_with("/client/")) co_return assets_.serve(path.substr(7));
  if (path.starts_with("/playback/")) co_return playback(path, req.header("range"));
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

  if (!bbb::is_checksum_call(call))
    co_return HttpResponse::xml(bbb::error_xml("unsupportedRequest", "This request is not supported."));
  auto content_type = req.content_type();
  bbb::IncomingCall in{call,
                       req.method == Method::post,
                       req.method != Method::get && req.method != Method::post && req.method != Method::head,
                       req.query(),
                       content_type,
                       req.body};
  auto auth = bbb::authenticate(in, svc_.secrets(), svc_.checksum_options());
  if (auto* refusal = std::get_if<bbb::Refusal>(&auth)) {
    auto r = refusal->json ? HttpResponse::json(std::move(refusal->body)) : HttpResponse::xml(std::move(refusal->body));
    r.status = refusal->http_status;
    co_return r;
  }
  Call c{req, std::move(std::get<bbb::Authenticated>(auth).params)};

  if (call == "create") co_return co_await create(c);
  if (call == "join") co_return join(c);
  if (call == "end") co_return end(c);
  if (call == "isMeetingRunning") co_return is_meeting_running(c);
  if (call == "getMeetingInfo") co_return get_meeting_info(c);
  if (call == "getMeetings") co_return get_meetings(c);
  if (call == "getSessions") co_return get_sessions(c);
  if (call == "sendChatMessage") co_return send_chat_message(c);
  if (call == "insertDocument") co_return co_await insert_document(c);
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
  gauge("bluemeet_node_media_enabled", "1 when audio and video work (Janus reached), else 0.", s.media ? 1 : 0);
  gauge("bluemeet_node_media_rooms", "Meetings with Janus rooms.", s.media_use.rooms);
  gauge("bluemeet_node_media_peers", "Client tabs using audio or video.", s.media_use.peers);
  gauge("bluemeet_node_media_feeds", "Webcams and screen shares being sent.", s.media_use.feeds);
  gauge("bluemeet_node_hooks", "Webhook subscriptions.", s.hooks);
  gauge("bluemeet_node_pending_deliveries", "Callbacks and webhook events not yet delivered.", s.pending_deliveries);
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = std::move(out);
  return r;
}

}  // namespace bluemeet::node
