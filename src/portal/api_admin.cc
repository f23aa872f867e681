// Administration: users (approve, disable, change role), roles, site
// settings, every room, usage at a glance. Each area needs its permission.
#include <boost/json/array.hpp>

#include "portal/api.h"
#include "portal/db/recordings.h"
#include "portal/service.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {

using net::HttpResponse;
using net::Method;

namespace {

HttpResponse forbidden() { return json_error(403, "forbidden", "Your role does not allow this."); }

json::object settings_json(const SiteSettings& s) {
  json::array forced;
  for (const auto& f : s.forced_room_options) forced.emplace_back(f);
  return {{"name", s.name},
          {"registration", s.registration},
          {"primaryColor", s.primary_color},
          {"defaultLanguage", s.default_language},
          {"defaultVisibility", s.default_visibility},
          {"defaultRoomOptions", to_json(s.default_room_options)},
          {"forcedRoomOptions", std::move(forced)}};
}

bool valid_color(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  return c.substr(1).find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

}  // namespace

asio::awaitable<HttpResponse> PortalApi::admin(Call& c, std::string_view rest) {
  if (!c.user) co_return json_error(401, "unauthorized", "Sign in first.");
  const auto& role = c.user->role;
  auto& store = svc_.store();

  if (rest == "users" && c.req.method == Method::get) {
    if (!role.has("ManageUsers")) co_return forbidden();
    auto q = bbb::Params::parse(c.req.query()).value_or(bbb::Params{});
    std::string status = q.get("status");
    auto users = co_await store.run([&](store::Connection& conn) { return db::list_users(conn, status); });
    json::array out;
    for (const auto& u : users) {
      auto j = user_json(u);
      j["createdAt"] = u.created_at;
      out.emplace_back(std::move(j));
    }
    co_return json_response(json::object{{"users", std::move(out)}});
  }
  if (rest.starts_with("users/") && (c.req.method == Method::patch || c.req.method == Method::put)) {
    if (!role.has("ManageUsers")) co_return forbidden();
    std::string id(rest.substr(6));
    std::optional<std::string> status;
    std::optional<std::int64_t> role_id;
    if (const auto* s = c.body.if_contains("status")) {
      if (!s->is_string() || (s->as_string() != "active" && s->as_string() != "pending" && s->as_string() != "disabled"))
        co_return json_error(422, "invalidField", "Unknown status.", "status");
      status = std::string(s->as_string());
    }
    if (const auto* r = c.body.if_contains("roleId")) {
      if (!r->is_string()) co_return json_error(422, "invalidField", "Unknown role.", "roleId");
      try {
        role_id = std::stoll(std::string(r->as_string()));
      } catch (const std::exception&) {
        co_return json_error(422, "invalidField", "Unknown role.", "roleId");
      }
    }
    if (id == c.user->public_id && (status || role_id))
      co_return json_error(422, "invalidField", "Administrators do not change their own role or status.");
    bool ok = co_await store.run([&](store::Connection& conn) { return db::update_user(conn, id, status, role_id); });
    if (!ok) co_return json_error(404, "notFound", "There is no such user or role.");
    auto u = co_await store.run([&](store::Connection& conn) { return db::user_by_public_id(conn, id); });
    co_return json_response(json::object{{"user", user_json(*u)}});
  }
  if (rest == "roles" && c.req.method == Method::get) {
    if (!role.has("ManageUsers") && !role.has("ManageRoles")) co_return forbidden();
    auto roles = co_await store.run([](store::Connection& conn) { return db::list_roles(conn); });
    json::array out;
    for (const auto& r : roles) {
      json::array perms;
      for (const auto& p : r.permissions) perms.emplace_back(p);
      out.emplace_back(json::object{{"id", std::to_string(r.id)}, {"name", r.name}, {"permissions", std::move(perms)}});
    }
    co_return json_response(json::object{{"roles", std::move(out)}});
  }
  if (rest == "settings") {
    if (!role.has("ManageSiteSettings")) co_return forbidden();
    if (c.req.method == Method::get) co_return json_response(settings_json(svc_.settings()));
    if (c.req.method != Method::patch && c.req.method != Method::put) co_return json_error(405, "methodNotAllowed", "Method not allowed.");
    SiteSettings s = svc_.settings();
    auto text = [&](const char* key, std::string& field, auto valid) -> bool {
      const auto* v = c.body.if_contains(key);
      if (!v) return true;
      if (!v->is_string() || !valid(std::string_view(v->as_string()))) return false;
      field = std::string(v->as_string());
      return true;
    };
    auto any_name = [](std::string_view v) { return !v.empty() && v.size() <= 100; };
    auto registration = [](std::string_view v) { return v == "open" || v == "invite" || v == "approval"; };
    auto language = [](std::string_view v) { return v == "en" || v == "it"; };
    auto visibility = [](std::string_view v) { return valid_visibility(v); };
    if (!text("name", s.name, any_name)) co_return json_error(422, "invalidField", "Give a name of 1 to 100 characters.", "name");
    if (!text("registration", s.registration, registration))
      co_return json_error(422, "invalidField", "Registration is open, invite or approval.", "registration");
    if (!text("primaryColor", s.primary_color, valid_color))
      co_return json_error(422, "invalidField", "A colour is #rrggbb.", "primaryColor");
    if (!text("defaultLanguage", s.default_language, language))
      co_return json_error(422, "invalidField", "The language is en or it.", "defaultLanguage");
    if (!text("defaultVisibility", s.default_visibility, visibility))
      co_return json_error(422, "invalidField", "Unknown visibility.", "defaultVisibility");
    if (const auto* o = c.body.if_contains("defaultRoomOptions")) {
      std::string bad;
      if (!o->is_object() || !apply_json(s.default_room_options, o->as_object(), bad))
        co_return json_error(422, "invalidField", "A room option has a wrong value.", "defaultRoomOptions");
    }
    if (const auto* f = c.body.if_contains("forcedRoomOptions")) {
      if (!f->is_array()) co_return json_error(422, "invalidField", "A list of option names.", "forcedRoomOptions");
      s.forced_room_options.clear();
      for (const auto& item : f->as_array()) {
        bool known = false;
        for (const char* n : kRoomOptionNames) known |= item.is_string() && item.as_string() == n;
        if (!known) co_return json_error(422, "invalidField", "Unknown room option.", "forcedRoomOptions");
        s.forced_room_options.emplace_back(item.as_string());
      }
    }
    co_await svc_.save_settings(s);
    co_return json_response(settings_json(svc_.settings()));
  }
  if (rest == "rooms" && c.req.method == Method::get) {
    if (!role.has("ManageRooms")) co_return forbidden();
    auto rooms = co_await store.run([](store::Connection& conn) { return db::all_rooms(conn); });
    auto running = co_await svc_.gateway().running_meetings();
    json::array out;
    for (const auto& r : rooms) out.emplace_back(room_json(r, r.owner_id == c.user->id, running.count(r.meeting_id) > 0));
    co_return json_response(json::object{{"rooms", std::move(out)}});
  }
  if (rest == "usage" && c.req.method == Method::get) {
    if (!role.has("ManageUsers") && !role.has("ManageSiteSettings")) co_return forbidden();
    auto counts = co_await store.run([](store::Connection& conn) {
      return std::array<std::int64_t, 3>{db::count_users(conn), db::count_rooms(conn), db::count_recordings(conn)};
    });
    auto running = co_await svc_.gateway().running_meetings();
    co_return json_response(json::object{{"users", counts[0]},
                                         {"rooms", counts[1]},
                                         {"recordings", counts[2]},
                                         {"runningMeetings", static_cast<std::int64_t>(running.size())}});
  }
  co_return json_error(404, "notFound", "No such API.");
}

}  // namespace bluemeet::portal
