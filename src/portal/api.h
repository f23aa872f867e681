// The portal's HTTP surface: the JSON API under /api/v1/ (described in
// docs/portal-api.yaml), the callbacks the gateway sends (recording ready,
// analytics), and the single-page app for every other GET. One entry point
// from the HTTP server; each area is a file api_*.cc.
//
// Sessions: an HttpOnly cookie (bm_session) holding a random token whose
// SHA-256 names the row. CSRF: every request that changes something carries
// X-CSRF-Token equal to the bm_csrf cookie (double submit; a page of another
// site can neither read the cookie nor set the header).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "net/http_server.h"
#include "net/http_types.h"
#include "portal/db/recordings.h"
#include "portal/db/rooms.h"
#include "portal/db/users.h"
#include "portal/room_rules.h"

namespace bluemeet::net {
class WebAssets;
}  // namespace bluemeet::net

namespace bluemeet::portal {

class PortalService;

class PortalApi {
 public:
  PortalApi(PortalService& svc, const net::WebAssets& assets) : svc_(svc), assets_(assets) {}
  boost::asio::awaitable<net::HttpResponse> handle(net::HttpRequest& req);
  // For HttpServer::set_body_router: where a request's body goes (api_presentation.cc).
  net::BodyDecision route_body(const net::HttpRequest& head) const;

 private:
  struct Call {
    net::HttpRequest& req;
    std::optional<db::User> user;  // signed in
    boost::json::object body;      // a JSON request's object (empty for none)
    std::string csrf_cookie;       // to set on the response, when new
  };
  boost::asio::awaitable<net::HttpResponse> api(net::HttpRequest& req, std::string_view path);

  // api_accounts.cc
  boost::asio::awaitable<net::HttpResponse> get_session(Call& c);
  boost::asio::awaitable<net::HttpResponse> sign_in(Call& c);
  boost::asio::awaitable<net::HttpResponse> sign_out(Call& c);
  boost::asio::awaitable<net::HttpResponse> sign_up(Call& c);
  boost::asio::awaitable<net::HttpResponse> verify_email(Call& c);
  boost::asio::awaitable<net::HttpResponse> request_reset(Call& c);
  boost::asio::awaitable<net::HttpResponse> confirm_reset(Call& c);
  // Starts a session for user: its cookies (and a new CSRF cookie) on r.
  boost::asio::awaitable<void> open_session(net::HttpResponse& r, const db::User& user);
  // Mails the user a one-use link ("verify" or "reset"), the token and the mail in one transaction.
  boost::asio::awaitable<void> mail_token(const db::User& user, const std::string& purpose);
  // api_rooms.cc
  boost::asio::awaitable<net::HttpResponse> rooms(Call& c, std::string_view rest);
  boost::asio::awaitable<net::HttpResponse> room_start(Call& c, const db::Room& room);
  // just_started: the caller created the meeting, which BBB reports running only once someone is in.
  boost::asio::awaitable<net::HttpResponse> room_join(Call& c, const db::Room& room, bool just_started = false);
  boost::asio::awaitable<net::HttpResponse> room_shares(Call& c, const db::Room& room, std::string_view rest);
  // api_presentation.cc; manager: an owner or co-owner of the room.
  boost::asio::awaitable<net::HttpResponse> room_presentation(Call& c, const db::Room& room, bool manager);
  boost::json::object room_json(const db::Room& r, bool mine, bool running) const;
  // The room's options as they apply: its own, with the site's forced ones.
  RoomOptions room_options(const db::Room& r) const;
  // Who is asking, for the room rules: signed in, managing the room, the access code given.
  boost::asio::awaitable<Visitor> visitor(Call& c, const db::Room& r);
  // api_recordings.cc
  boost::asio::awaitable<net::HttpResponse> room_recordings(Call& c, const db::Room& room);
  boost::asio::awaitable<net::HttpResponse> room_attendance(Call& c, const db::Room& room);
  boost::asio::awaitable<net::HttpResponse> recording(Call& c, std::string_view record_id);
  boost::asio::awaitable<net::HttpResponse> recording_ready(net::HttpRequest& req);
  boost::asio::awaitable<net::HttpResponse> analytics(net::HttpRequest& req);
  // api_admin.cc
  boost::asio::awaitable<net::HttpResponse> admin(Call& c, std::string_view rest);
  boost::asio::awaitable<net::HttpResponse> admin_roles(Call& c, std::string_view rest);
  boost::asio::awaitable<net::HttpResponse> admin_invitations(Call& c, std::string_view rest);

  PortalService& svc_;
  const net::WebAssets& assets_;
};

// JSON answers of the API: `{"error":{"code","message"}}` for errors.
net::HttpResponse json_response(const boost::json::object& o, int status = 200);
net::HttpResponse json_error(int status, std::string_view code, std::string_view message, std::string_view field = {});
boost::json::object user_json(const db::User& u);
boost::json::object recording_json(const db::Recording& r);
// A room's presentation in the API: {name, size, uploadedAt}, or null.
boost::json::value presentation_json(const std::optional<db::PresentationInfo>& p);
net::HttpResponse no_content();  // 204
// A string field of a JSON request, or empty when it is absent or not a string.
std::string text_field(const boost::json::object& o, std::string_view key);

}  // namespace bluemeet::portal
