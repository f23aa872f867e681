// Webhooks through the gateway. Tenants manage their own hooks
// (hooks/create|list|destroy, kept in the gateway's database, never sent to
// servers); each server has one hook of the gateway's, whose events arrive
// at /gateway/hooks and go to the hooks of the tenant that owns the meeting,
// signed with that tenant's secret, through the durable outbox.
#include <map>
#include <set>

#include "bbb/responses.h"
#include "bbb/webhooks.h"
#include "gateway/api.h"
#include "gateway/domain/hook_events.h"
#include "gateway/service.h"
#include "gateway/store/hooks.h"
#include "net/url.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

using net::HttpResponse;

asio::awaitable<HttpResponse> GatewayApi::hooks(Call& c, std::string_view call) {
  std::int64_t tenant_id = c.tenant.row.id;
  if (call == "hooks/create") {
    bbb::Hook h;
    h.callback_url = c.params.get("callbackURL");
    if (h.callback_url.empty()) co_return HttpResponse::xml(bbb::errors::missing_callback_url());
    if (h.callback_url.size() > bbb::kMaxHookUrlLength || !net::parse_http_url(h.callback_url))
      co_return HttpResponse::xml(bbb::errors::create_hook_error());
    h.meeting_id = c.params.get("meetingID");
    h.event_ids = bbb::parse_event_ids(c.params.get("eventID"));
    h.raw = c.params.get_bool("getRaw", false);
    auto now = util::now_millis();
    auto added = co_await svc_.store().run(
        [&](store::Connection& conn) { return db::add_hook(conn, tenant_id, h, bbb::kMaxHooks, now); });
    switch (added.result) {
      case db::HookAdded::Result::added: co_return HttpResponse::xml(bbb::hook_created_xml(added.id, h.raw));
      case db::HookAdded::Result::duplicate: co_return HttpResponse::xml(bbb::hook_duplicate_xml(added.id));
      case db::HookAdded::Result::limit: break;
    }
    co_return HttpResponse::xml(bbb::errors::create_hook_error());
  }
  if (call == "hooks/destroy") {
    if (c.params.get("hookID").empty()) co_return HttpResponse::xml(bbb::errors::missing_hook_id());
    auto id = c.params.get_uint("hookID", INT64_MAX);
    bool removed = false;
    if (id) {
      std::int64_t hook_id = *id;
      removed = co_await svc_.store().run(
          [&](store::Connection& conn) { return db::remove_hook(conn, tenant_id, hook_id); });
    }
    co_return HttpResponse::xml(removed ? bbb::hook_removed_xml() : bbb::errors::destroy_missing_hook());
  }
  if (call == "hooks/list") {
    auto all = co_await svc_.store().run([&](store::Connection& conn) { return db::list_hooks(conn, tenant_id); });
    const auto* filter = c.params.find("meetingID");
    std::vector<const bbb::Hook*> shown;
    for (const auto& h : all)
      if (!filter || filter->empty() || h.meeting_id.empty() || h.meeting_id == *filter) shown.push_back(&h);
    co_return HttpResponse::xml(bbb::hooks_list_xml(shown));
  }
  co_return HttpResponse::xml(bbb::error_xml("unsupportedRequest", "This request is not supported."));
}

asio::awaitable<HttpResponse> GatewayApi::server_events(net::HttpRequest& req) {
  auto q = bbb::Params::parse(req.query()).value_or(bbb::Params{});
  auto sid = q.get_uint("s", INT64_MAX);
  if (!sid || !svc_.server_hook_token_valid(*sid, q.get("token"))) co_return HttpResponse::text(403, "forbidden\n");
  std::int64_t server = *sid;
  // Signed by the server with its secret over the URL it was given and the body.
  auto target = svc_.pool().target(server);
  if (!target || !bbb::webhook_checksum_valid(svc_.server_hook_url(server), req.body, target->secret, q.get("checksum")))
    co_return HttpResponse::text(401, "unauthorized\n");
  auto post = bbb::parse_webhook_post(req.body);
  if (!post) co_return HttpResponse::text(400, "bad request\n");

  struct Routed {
    std::string json;
    ServerEvent event;
  };
  std::vector<Routed> events;
  std::set<std::string> backend_ids;
  for (auto& e : post->events)
    if (auto ev = read_server_event(e)) {
      backend_ids.insert(ev->backend_id);
      events.push_back({std::move(e), std::move(*ev)});
    }
  if (events.empty()) co_return HttpResponse::text(200, "ok\n");

  // One trip to the database: the meetings, and the hooks of their tenants.
  struct Lookup {
    std::map<std::string, db::MeetingRow> meetings;
    std::map<std::int64_t, std::vector<bbb::Hook>> hooks;
  };
  auto found = co_await svc_.store().run([&](store::Connection& conn) {
    Lookup l;
    for (const auto& b : backend_ids)
      if (auto row = db::find_meeting_on_server(conn, b, server)) {
        if (!l.hooks.contains(row->tenant_id)) l.hooks[row->tenant_id] = db::list_hooks(conn, row->tenant_id);
        l.meetings.emplace(b, std::move(*row));
      }
    return l;
  });

  auto host = net::parse_http_url(svc_.config().public_url);
  for (const auto& [json, ev] : events) {
    auto m = found.meetings.find(ev.backend_id);
    if (m == found.meetings.end()) continue;  // not a meeting of any tenant's
    const TenantInfo* tenant = svc_.tenants().find(m->second.tenant_id);
    if (!tenant) continue;
    std::string body;
    for (const auto& h : found.hooks[m->second.tenant_id]) {
      if (!h.wants(ev.event_id, m->second.meeting_id)) continue;
      if (body.empty())
        body = bbb::webhook_body(host ? host->host : "localhost",
                                 tenant_event(json, m->second.meeting_id, InterceptedCallbacks::from_json(m->second.callbacks)),
                                 post->timestamp ? post->timestamp : util::now_millis());
      const auto& secrets = tenant->row.secrets;  // oldest first: sign with the newest
      delivery::Delivery d{"webhook",
                           net::Method::post,
                           bbb::webhook_signed_url(h.callback_url, body, secrets.back()),
                           {{"Content-Type", "application/x-www-form-urlencoded"}},
                           body};
      co_await svc_.deliver(std::move(d));
    }
  }
  co_return HttpResponse::text(200, "ok\n");
}

}  // namespace bluemeet::gateway
