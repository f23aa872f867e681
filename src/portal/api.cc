#include "portal/api.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "net/web_assets.h"
#include "portal/service.h"
#include "util/crypto.h"
#include "util/random.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;

namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";
constexpr std::size_t kMaxJsonBytes = 64 * 1024;

}  // namespace

HttpResponse json_response(const json::object& o, int status) {
  auto r = HttpResponse::json(json::serialize(o));
  r.status = status;
  r.with_header("Cache-Control", "no-store");
  return r;
}

HttpResponse json_error(int status, std::string_view code, std::string_view message, std::string_view field) {
  json::object e{{"code", code}, {"message", message}};
  if (!field.empty()) e["field"] = field;
  return json_response(json::object{{"error", std::move(e)}}, status);
}

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::string text_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object user_json(const db::User& u) {
  json::array permissions;
  for (const auto& p : u.role.permissions) permissions.emplace_back(p);
  return {{"id", u.public_id},
          {"name", u.name},
          {"email", u.email},
          {"language", u.language},
          {"role", json::object{{"id", std::to_string(u.role.id)}, {"name", u.role.name}}},
          {"permissions", std::move(permissions)},
          {"verified", u.verified},
          {"status", u.status}};
}

asio::awaitable<HttpResponse> PortalApi::handle(HttpRequest& req) {
  auto path = req.path();
  if (path == "/health") co_return HttpResponse::text(200, "ok\n");
  if (path == "/callbacks/recording-ready") co_return co_await recording_ready(req);
  if (path == "/callbacks/analytics") co_return co_await analytics(req);
  if (path.starts_with(kApiPrefix)) {
    try {
      co_return co_await api(req, path.substr(kApiPrefix.size()));
    } catch (const GatewayError& e) {
      spdlog::warn("{} {}: {}", net::method_name(req.method), path, e.what());
      co_return json_error(503, "gatewayUnavailable", "The conference service cannot be reached; please try again.");
    } catch (const std::exception& e) {
      spdlog::error("{} {} failed: {}", net::method_name(req.method), path, e.what());
      co_return json_error(500, "internalError", "Something went wrong; please try again.");
    }
  }
  if (req.method != Method::get && req.method != Method::head) co_return HttpResponse::text(405, "method not allowed\n");
  co_return assets_.serve(path);
}

asio::awaitable<HttpResponse> PortalApi::api(HttpRequest& req, std::string_view path) {
  Call c{req, std::nullopt, {}, {}};
  // Who is asking: the session cookie's token, by its hash.
  if (auto token = req.cookie("bm_session"); !token.empty() && token.size() <= 64) {
    auto hash = util::hex_digest(util::HashAlg::sha256, token);
    auto now = util::now_millis();
    c.user = co_await svc_.store().run([&](store::Connection& conn) { return db::session_user(conn, hash, now); });
  }
  bool changes = req.method != Method::get && req.method != Method::head;
  if (changes) {
    auto cookie = req.cookie("bm_csrf");
    auto header = req.header("x-csrf-token");
    if (cookie.empty() || !util::constant_time_equal(cookie, header))
      co_return json_error(403, "csrfInvalid", "This request is missing its CSRF token; reload the page.");
    // JSON bodies are parsed here; other types (an uploaded logo) are the handler's.
    auto type = req.content_type();
    if (!req.body.empty() && (type.empty() || type == "application/json")) {
      if (req.body.size() > kMaxJsonBytes) co_return json_error(413, "tooLarge", "The request is too large.");
      boost::system::error_code ec;
      auto v = json::parse(req.body, ec);
      if (ec || !v.is_object()) co_return json_error(400, "invalidJson", "The request body must be a JSON object.");
      c.body = std::move(v.as_object());
    }
  }

  if (path == "site/logo" && req.method == Method::get) {
    const auto& s = svc_.settings();
    if (s.logo.empty()) co_return json_error(404, "notFound", "There is no logo.");
    HttpResponse r;
    r.content_type = s.logo_type;
    r.body = s.logo;
    // Versioned URLs (logoUrl): cached for good. An SVG may carry script: it runs nowhere, even opened directly.
    r.with_header("Cache-Control", "public, max-age=31536000, immutable");
    r.with_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    r.with_header("X-Content-Type-Options", "nosniff");
    co_return r;
  }
  if (path == "session") {
    if (req.method == Method::get) co_return co_await get_session(c);
    if (req.method == Method::post) co_return co_await sign_in(c);
    if (req.method == Method::del) co_return co_await sign_out(c);
    co_return json_error(405, "methodNotAllowed", "Method not allowed.");
  }
  if (path == "users" && req.method == Method::post) co_return co_await sign_up(c);
  if (path == "users/verify" && req.method == Method::post) co_return co_await verify_email(c);
  if (path == "password-resets" && req.method == Method::post) co_return co_await request_reset(c);
  if (path == "password-resets/confirm" && req.method == Method::post) co_return co_await confirm_reset(c);
  if (path == "rooms" || path.starts_with("rooms/")) co_return co_await rooms(c, path.substr(5));
  if (path.starts_with("recordings/")) co_return co_await recording(c, path.substr(11));
  if (path.starts_with("admin/")) co_return co_await admin(c, path.substr(6));
  co_return json_error(404, "notFound", "No such API.");
}

}  // namespace bluemeet::portal
