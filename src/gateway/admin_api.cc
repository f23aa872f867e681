#include "gateway/admin_api.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/admin_ops.h"
#include "gateway/service.h"
#include "util/crypto.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::gateway {

using net::HttpResponse;
using net::Method;

namespace {

HttpResponse reply(int status, json::value body) {
  auto r = HttpResponse::json(json::serialize(body));
  r.status = status;
  return r;
}

HttpResponse problem(int status, std::string_view message) { return reply(status, json::object{{"error", message}}); }

HttpResponse outcome_reply(db::Outcome o, json::value ok_body) {
  switch (o) {
    case db::Outcome::done: return reply(200, std::move(ok_body));
    case db::Outcome::not_found: return problem(404, "not found");
    case db::Outcome::name_taken:
    case db::Outcome::secret_taken:
    case db::Outcome::url_taken:
    case db::Outcome::last_secret:
    case db::Outcome::live_meetings:
    case db::Outcome::has_recordings: return problem(409, db::outcome_name(o));
  }
  return problem(500, "unexpected outcome");
}

// No default argument: it would be evaluated inside the caller's co_return,
// where GCC 12 cannot compile braced literals.
HttpResponse outcome_reply(db::Outcome o) { return outcome_reply(o, json::object{{"ok", true}}); }

json::object tenant_json(const db::Tenant& t) {
  json::array secrets;
  for (const auto& s : t.secrets) secrets.emplace_back(s);
  return {{"name", t.name},
          {"state", t.state},
          {"max_meetings", t.limits.max_meetings},
          {"max_participants_per_meeting", t.limits.max_participants_per_meeting},
          {"max_participants", t.limits.max_participants},
          {"default_params", t.default_params},
          {"forced_params", t.forced_params},
          {"secrets", std::move(secrets)}};
}

json::object server_json(const db::Server& s, const ServerSnapshot* live) {
  json::object o{{"id", s.id},           {"url", s.url},           {"state", s.admin_state}, {"tags", s.tags},
                 {"multiplier", s.multiplier}, {"capacity", s.capacity}, {"health", s.health},
                 {"meetings", s.meetings}, {"participants", s.participants}};
  if (live) {
    o["health"] = live->health == Health::online ? "online" : live->health == Health::unstable ? "unstable" : "offline";
    o["meetings"] = live->meetings;
    o["participants"] = live->participants;
  }
  return o;
}

std::optional<json::object> body_object(const net::HttpRequest& req) {
  if (req.body.empty()) return json::object{};
  boost::system::error_code ec;
  auto v = json::parse(req.body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<std::int64_t>();
}

// /admin/api/v1/<a>/<b>/<c> -> {"a","b","c"}
std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  path.remove_prefix(std::string_view("/admin/api/v1").size());
  while (!path.empty()) {
    if (path[0] == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(bbb::form_decode(path.substr(0, slash)));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

}  // namespace

asio::awaitable<HttpResponse> handle_admin_api(GatewayService& svc, net::HttpRequest& req) {
  const auto& token = svc.config().admin_token;
  if (token.empty()) co_return HttpResponse::text(404, "not found\n");
  auto auth = req.header("authorization");
  if (!auth.starts_with("Bearer ") || !util::constant_time_equal(auth.substr(7), token))
    co_return problem(401, "a valid admin token is required (Authorization: Bearer <token>)");

  auto seg = segments(req.path());
  auto body = body_object(req);
  if (!body) co_return problem(400, "the body must be a JSON object");
  auto& store = svc.store();
  auto now = util::now_millis();
  try {
    if (seg.size() == 1 && seg[0] == "tenants") {
      if (req.method == Method::get) {
        auto all = co_await store.run([&](store::Connection& c) { return db::list_tenants(c); });
        json::array out;
        for (const auto& t : all) out.emplace_back(tenant_json(t));
        co_return reply(200, out);
      }
      if (req.method == Method::post) {
        admin::NewTenant nt{str(*body, "name"), str(*body, "secret"), str(*body, "state")};
        if (nt.state.empty()) nt.state = "active";
        auto added = co_await store.run([&](store::Connection& c) { return admin::add_tenant(c, nt, now); });
        if (added.outcome != db::Outcome::done) co_return outcome_reply(added.outcome);
        auto t = co_await store.run([&](store::Connection& c) { return db::get_tenant(c, nt.name); });
        co_return reply(201, tenant_json(*t));
      }
    }
    if (seg.size() >= 2 && seg[0] == "tenants") {
      const std::string& name = seg[1];
      if (seg.size() == 2 && req.method == Method::get) {
        auto t = co_await store.run([&](store::Connection& c) { return db::get_tenant(c, name); });
        if (!t) co_return problem(404, "not found");
        co_return reply(200, tenant_json(*t));
      }
      if (seg.size() == 2 && req.method == Method::del)
        co_return outcome_reply(co_await store.run([&](store::Connection& c) { return db::remove_tenant(c, name); }));
      if (seg.size() == 2 && (req.method == Method::patch || req.method == Method::put || req.method == Method::post)) {
        // PATCH (and PUT/POST for clients without PATCH): the fields given change.
        db::TenantChanges ch;
        if (auto st = str(*body, "state"); !st.empty()) {
          admin::check_state(st);
          ch.state = st;
        }
        auto t = co_await store.run([&](store::Connection& c) { return db::get_tenant(c, name); });
        if (!t) co_return problem(404, "not found");
        auto limits = t->limits;
        bool limits_given = false;
        if (auto v = integer(*body, "max_meetings")) limits.max_meetings = *v, limits_given = true;
        if (auto v = integer(*body, "max_participants_per_meeting")) limits.max_participants_per_meeting = *v, limits_given = true;
        if (auto v = integer(*body, "max_participants")) limits.max_participants = *v, limits_given = true;
        if (limits_given) ch.limits = limits;
        if (body->contains("default_params")) ch.default_params = str(*body, "default_params");
        if (body->contains("forced_params")) ch.forced_params = str(*body, "forced_params");
        auto o = co_await store.run([&](store::Connection& c) { return db::update_tenant(c, name, ch, now); });
        if (o != db::Outcome::done) co_return outcome_reply(o);
        t = co_await store.run([&](store::Connection& c) { return db::get_tenant(c, name); });
        co_return reply(200, tenant_json(*t));
      }
      if (seg.size() == 3 && seg[2] == "secrets" && req.method == Method::post) {
        std::string secret = str(*body, "secret");
        if (secret.empty()) secret = admin::random_secret();
        auto o = co_await store.run([&](store::Connection& c) { return db::add_tenant_secret(c, name, secret, now); });
        json::object added{{"secret", secret}};  // named: GCC 12 mishandles braced literals in co_return
        co_return outcome_reply(o, std::move(added));
      }
      if (seg.size() == 4 && seg[2] == "secrets" && req.method == Method::del) {
        const std::string& secret = seg[3];
        co_return outcome_reply(co_await store.run([&](store::Connection& c) { return db::remove_tenant_secret(c, name, secret); }));
      }
    }
    if (seg.size() == 1 && seg[0] == "servers") {
      if (req.method == Method::get) {
        auto all = co_await store.run([&](store::Connection& c) { return db::list_servers(c); });
        json::array out;
        for (const auto& s : all) out.emplace_back(server_json(s, svc.pool().snapshot(s.id)));
        co_return reply(200, out);
      }
      if (req.method == Method::post) {
        std::string state = str(*body, "state").empty() ? "enabled" : str(*body, "state");
        admin::check_server_state(state);
        db::NewServer ns{admin::normalize_api_url(str(*body, "url")), str(*body, "secret"), str(*body, "tags"),
                         1.0, integer(*body, "capacity").value_or(0), state};
        if (const auto* m = body->if_contains("multiplier"); m && m->is_number()) ns.multiplier = m->to_number<double>();
        if (ns.secret.empty()) co_return problem(400, "a server needs its secret");
        if (ns.multiplier <= 0) co_return problem(400, "the multiplier must be positive");
        auto added = co_await store.run([&](store::Connection& c) { return db::add_server(c, ns, now); });
        if (added.outcome != db::Outcome::done) co_return outcome_reply(added.outcome);
        auto s = co_await store.run([&](store::Connection& c) { return db::get_server(c, added.id); });
        co_return reply(201, server_json(*s, nullptr));
      }
    }
    if (seg.size() >= 2 && seg[0] == "servers") {
      std::int64_t id = 0;
      try {
        id = std::stoll(seg[1]);
      } catch (const std::exception&) {
        co_return problem(404, "not found");
      }
      if (seg.size() == 2 && req.method == Method::get) {
        auto s = co_await store.run([&](store::Connection& c) { return db::get_server(c, id); });
        if (!s) co_return problem(404, "not found");
        co_return reply(200, server_json(*s, svc.pool().snapshot(id)));
      }
      if (seg.size() == 2 && req.method == Method::del)
        co_return outcome_reply(co_await store.run([&](store::Connection& c) { return db::remove_server(c, id); }));
      if (seg.size() == 2 && (req.method == Method::patch || req.method == Method::put || req.method == Method::post)) {
        db::ServerChanges ch;
        if (auto st = str(*body, "state"); !st.empty()) {
          admin::check_server_state(st);
          ch.admin_state = st;
        }
        if (body->contains("tags")) ch.tags = str(*body, "tags");
        if (auto c = integer(*body, "capacity")) ch.capacity = *c;
        if (auto s = str(*body, "secret"); !s.empty()) ch.secret = s;
        if (const auto* m = body->if_contains("multiplier"); m && m->is_number()) ch.multiplier = m->to_number<double>();
        auto o = co_await store.run([&](store::Connection& c) { return db::update_server(c, id, ch, now); });
        if (o != db::Outcome::done) co_return outcome_reply(o);
        auto s = co_await store.run([&](store::Connection& c) { return db::get_server(c, id); });
        co_return reply(200, server_json(*s, svc.pool().snapshot(id)));
      }
      if (seg.size() == 3 && seg[2] == "panic" && req.method == Method::post) {
        auto moved = co_await store.run([&](store::Connection& c) { return db::panic_server(c, id, now); });
        if (!moved) co_return problem(404, "not found");
        json::object out{{"meetings_to_move", *moved}};
        co_return reply(200, std::move(out));
      }
    }
    if (seg.size() == 1 && seg[0] == "status" && req.method == Method::get) {
      auto all = co_await store.run([&](store::Connection& c) { return db::list_servers(c); });
      json::array servers;
      for (const auto& s : all) servers.emplace_back(server_json(s, svc.pool().snapshot(s.id)));
      json::object out{{"servers", std::move(servers)}, {"tenants", svc.tenants().size()}};
      co_return reply(200, std::move(out));
    }
  } catch (const admin::InvalidInput& e) {
    co_return problem(400, e.what());
  }
  co_return problem(404, "no such resource or method");
}

}  // namespace bluemeet::gateway
