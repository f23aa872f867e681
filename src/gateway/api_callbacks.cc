// Callbacks from servers, relayed to tenants: the server signed (or did not
// sign) with its own secret; the tenant receives them as from a BBB server of
// its own, about its own meeting ID, signed with its own secret, through the
// durable outbox.
#include <boost/json/object.hpp>

#include "bbb/jwt.h"
#include "gateway/api.h"
#include "gateway/service.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

using net::HttpResponse;

asio::awaitable<HttpResponse> GatewayApi::callback(net::HttpRequest& req) {
  std::string kind(req.path().substr(std::string_view("/gateway/callback/").size()));
  auto q = bbb::Params::parse(req.query()).value_or(bbb::Params{});
  auto row_id = q.get_uint("m", INT64_MAX);
  if (!row_id || !svc_.callback_token_valid(*row_id, kind, q.get("token")))
    co_return HttpResponse::text(403, "forbidden\n");
  std::int64_t id = *row_id;
  auto row = co_await svc_.store().run([&](store::Connection& c) { return db::get_meeting(c, id); });
  if (!row) co_return HttpResponse::text(410, "gone\n");
  const TenantInfo* tenant = svc_.tenants().find(row->tenant_id);
  auto callbacks = InterceptedCallbacks::from_json(row->callbacks);
  const std::string* url = callbacks.find(kind);
  if (!tenant || !url) co_return HttpResponse::text(410, "gone\n");

  if (kind == "endcallbackurl" || kind == "meetingendedurl") {
    // The server says the meeting ended: so it is, whatever the next poll says.
    co_await svc_.store().run([&](store::Connection& c) { db::end_meeting(c, id, util::now_millis()); });
    // Named, not a temporary in the co_await expression (GCC 12 coroutine bug).
    delivery::Delivery d{"end-callback", net::Method::get,
                         tenant_end_callback(*url, q.get("recordingmarks"), row->meeting_id), {}, {}};
    co_await svc_.deliver(std::move(d));
    co_return HttpResponse::text(200, "ok\n");
  }
  if (kind == "analytics-callback-url") {
    // Only the server that holds the meeting can sign this: its secret, HS512, not expired.
    auto target = row->server_id ? svc_.pool().target(*row->server_id) : std::nullopt;
    auto auth = req.header("authorization");
    if (!target || !auth.starts_with("Bearer ") ||
        !bbb::jwt_verify(auth.substr(7), target->secret, util::now_millis() / 1000))
      co_return HttpResponse::text(401, "unauthorized\n");
    auto body = tenant_analytics_body(req.body, row->meeting_id);
    if (!body) co_return HttpResponse::text(400, "bad request\n");
    const auto& secrets = tenant->row.secrets;  // oldest first: sign with the newest
    boost::json::object claims{{"exp", util::now_millis() / 1000 + 24 * 3600}};
    delivery::Delivery d{"analytics",
                         net::Method::post,
                         *url,
                         {{"Content-Type", "application/json"},
                          {"Authorization", "Bearer " + bbb::jwt_sign(claims, secrets.back(), bbb::JwtAlg::HS512)},
                          {"User-Agent", "BigBlueButton Analytics Callback"}},
                         std::move(*body)};
    co_await svc_.deliver(std::move(d));
    co_return HttpResponse::text(200, "ok\n");
  }
  // Recording-ready callbacks come with recordings; nothing else is relayed.
  co_return HttpResponse::text(404, "not found\n");
}

}  // namespace bluemeet::gateway
