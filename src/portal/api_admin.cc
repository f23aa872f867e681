// Administration: users (approve, disable, change role), roles, site
// settings, every room, usage at a glance. Each area needs its permission.
#include <algorithm>
#include <boost/json/array.hpp>

#include "net/url.h"
#include "portal/api.h"
#include "portal/db/invitations.h"
#include "portal/db/mail.h"
#include "portal/db/recordings.h"
#include "portal/mail_texts.h"
#include "util/crypto.h"
#include "util/random.h"
#include "util/text.h"
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
          {"termsUrl", s.terms_url},
          {"privacyUrl", s.privacy_url},
          {"accessibilityUrl", s.accessibility_url},
          {"helpUrl", s.help_url},
          {"forcedRoomOptions", std::move(forced)}};
}

constexpr util::Millis kInvitationTtl = 7 * 24 * 3600'000;
constexpr const char* kPermissions[] = {"CreateRoom",         "ManageUsers", "ManageRooms", "ManageRecordings",
                                        "ManageSiteSettings", "ManageRoles", "SharedList",  "CanRecord"};

json::object role_json(const db::RoleInfo& r) {
  json::array perms;
  for (const auto& p : r.role.permissions) perms.emplace_back(p);
  return {{"id", std::to_string(r.role.id)},
          {"name", r.role.name},
          {"permissions", std::move(perms)},
          {"builtin", r.builtin},
          {"users", r.users}};
}

// The permission list of a request: known names only, each once; nullopt when one is unknown.
std::optional<std::vector<std::string>> permissions_of(const json::value& v) {
  if (!v.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) return std::nullopt;
    bool known = false;
    for (const char* p : kPermissions) known |= item.as_string() == p;
    if (!known) return std::nullopt;
    if (std::find(out.begin(), out.end(), item.as_string()) == out.end()) out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<std::int64_t> id_of(std::string_view s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::stoll(std::string(s));
}

constexpr std::size_t kMaxLogoBytes = 512 * 1024;

// The image type the bytes are (by their signature, not by what the request says), or empty.
std::string image_type(std::string_view b) {
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
  if (b.size() > 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  auto head = util::trim(b.substr(0, 512));
  if ((head.starts_with("<svg") || head.starts_with("<?xml")) && b.find("<svg") != std::string_view::npos) return "image/svg+xml";
  return {};
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
    auto roles = co_await store.run([](store::Connection& conn) { return db::role_infos(conn); });
    json::array out;
    for (const auto& r : roles) out.emplace_back(role_json(r));
    co_return json_response(json::object{{"roles", std::move(out)}});
  }
  if (rest == "roles" || rest.starts_with("roles/")) co_return co_await admin_roles(c, rest.substr(5));
  if (rest == "invitations" || rest.starts_with("invitations/")) co_return co_await admin_invitations(c, rest.substr(11));
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
    // A link is empty, or an absolute http(s) URL with nothing that could break out of an href.
    auto link = [](std::string_view v) {
      if (v.empty()) return true;
      auto url = net::parse_http_url(v);
      return v.size() <= 500 && url && v.find_first_of(" \"'<>\\\r\n\t") == std::string_view::npos;
    };
    for (auto [key, field] : {std::pair{"termsUrl", &s.terms_url}, std::pair{"privacyUrl", &s.privacy_url},
                              std::pair{"accessibilityUrl", &s.accessibility_url}, std::pair{"helpUrl", &s.help_url}})
      if (!text(key, *field, link))
        co_return json_error(422, "invalidField", "A link is an absolute https:// address, or empty.", key);
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
  if (rest == "logo") {
    if (!role.has("ManageSiteSettings")) co_return forbidden();
    SiteSettings s = svc_.settings();
    if (c.req.method == Method::del) {
      s.logo.clear();
      s.logo_type.clear();
      ++s.logo_version;
      co_await svc_.save_settings(s);
      co_return no_content();
    }
    if (c.req.method != Method::put && c.req.method != Method::post) co_return json_error(405, "methodNotAllowed", "Method not allowed.");
    if (c.req.body.size() > kMaxLogoBytes) co_return json_error(413, "tooLarge", "A logo is at most 512 KiB.");
    auto type = image_type(c.req.body);
    if (type.empty() || type != c.req.content_type())
      co_return json_error(415, "unsupportedType", "A logo is a PNG, JPEG, WebP or SVG image.");
    s.logo = c.req.body;
    s.logo_type = type;
    ++s.logo_version;
    co_await svc_.save_settings(s);
    co_return json_response(json::object{{"logoUrl", "/api/v1/site/logo?v=" + std::to_string(s.logo_version)}});
  }
  if (rest == "recordings" && c.req.method == Method::get) {
    if (!role.has("ManageRecordings")) co_return forbidden();
    auto list = co_await store.run([](store::Connection& conn) { return db::all_recordings(conn, 1000); });
    json::array out;
    for (const auto& r : list) {
      auto j = recording_json(r.recording);
      j["room"] = json::object{{"friendlyId", r.room_friendly_id}, {"name", r.room_name}};
      j["owner"] = json::object{{"id", r.owner_public_id}, {"name", r.owner_name}};
      out.emplace_back(std::move(j));
    }
    co_return json_response(json::object{{"recordings", std::move(out)}});
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

asio::awaitable<HttpResponse> PortalApi::admin_roles(Call& c, std::string_view rest) {
  if (!c.user->role.has("ManageRoles")) co_return forbidden();
  auto& store = svc_.store();
  std::string name;
  if (const auto* n = c.body.if_contains("name")) {
    if (!n->is_string() || util::trim(n->as_string()).empty() || n->as_string().size() > 64)
      co_return json_error(422, "invalidField", "Give the role a name of 1 to 64 characters.", "name");
    name = std::string(util::trim(n->as_string()));
  }
  std::optional<std::vector<std::string>> permissions;
  if (const auto* p = c.body.if_contains("permissions")) {
    permissions = permissions_of(*p);
    if (!permissions) co_return json_error(422, "invalidField", "Unknown permission.", "permissions");
  }
  if (rest.empty() && c.req.method == Method::post) {
    if (name.empty()) co_return json_error(422, "invalidField", "Give the role a name of 1 to 64 characters.", "name");
    auto perms = permissions.value_or(std::vector<std::string>{});
    std::optional<db::RoleInfo> made;
    try {
      made = co_await store.run([&](store::Connection& conn) { return db::role_info(conn, db::create_role(conn, name, perms)); });
    } catch (const store::StoreError& e) {
      if (!e.constraint()) throw;
    }
    if (!made) co_return json_error(409, "nameTaken", "A role has this name already.", "name");
    co_return json_response(json::object{{"role", role_json(*made)}}, 201);
  }
  auto id = rest.starts_with("/") ? id_of(rest.substr(1)) : std::nullopt;
  if (!id) co_return json_error(404, "notFound", "There is no such role.");
  std::int64_t role_id = *id;
  auto current = co_await store.run([&](store::Connection& conn) { return db::role_info(conn, role_id); });
  if (!current) co_return json_error(404, "notFound", "There is no such role.");
  if (c.req.method == Method::del) {
    if (current->builtin) co_return json_error(422, "invalidField", "Built-in roles stay.");
    if (current->users > 0) co_return json_error(409, "roleInUse", "Some users have this role; give them another first.");
    co_await store.run([&](store::Connection& conn) { db::delete_role(conn, role_id); });
    co_return no_content();
  }
  if (c.req.method != Method::patch && c.req.method != Method::put) co_return json_error(405, "methodNotAllowed", "Method not allowed.");
  if (!name.empty() && current->builtin && name != current->role.name)
    co_return json_error(422, "invalidField", "Built-in roles keep their names.", "name");
  auto perms = permissions.value_or(current->role.permissions);
  // The administrators' role keeps every permission: no change locks the site out of its own settings.
  if (current->role.name == "Administrator" && current->builtin && perms.size() != std::size(kPermissions))
    co_return json_error(422, "invalidField", "The Administrator role keeps every permission.", "permissions");
  std::string new_name = name.empty() ? current->role.name : name;
  std::optional<db::RoleInfo> updated;
  try {
    updated = co_await store.run([&](store::Connection& conn) {
      db::update_role(conn, role_id, new_name, perms);
      return db::role_info(conn, role_id);
    });
  } catch (const store::StoreError& e) {
    if (!e.constraint()) throw;
  }
  if (!updated) co_return json_error(409, "nameTaken", "A role has this name already.", "name");
  co_return json_response(json::object{{"role", role_json(*updated)}});
}

asio::awaitable<HttpResponse> PortalApi::admin_invitations(Call& c, std::string_view rest) {
  if (!c.user->role.has("ManageUsers")) co_return forbidden();
  auto& store = svc_.store();
  auto now = util::now_millis();
  if (rest.empty() && c.req.method == Method::get) {
    auto list = co_await store.run([&](store::Connection& conn) { return db::open_invitations(conn, now); });
    json::array out;
    for (const auto& i : list)
      out.emplace_back(json::object{{"id", std::to_string(i.id)}, {"email", i.email}, {"createdAt", i.created_at}, {"expiresAt", i.expires_at}});
    co_return json_response(json::object{{"invitations", std::move(out)}});
  }
  if (rest.empty() && c.req.method == Method::post) {
    const auto* e = c.body.if_contains("email");
    std::string email = e && e->is_string() ? db::normalize_email(e->as_string()) : std::string();
    auto at = email.find('@');
    if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 == email.size() ||
        email.find_first_of(" \t\r\n<>,;\"") != std::string::npos)
      co_return json_error(422, "invalidField", "Give a valid email address.", "email");
    auto existing = co_await store.run([&](store::Connection& conn) { return db::user_by_email(conn, email); });
    if (existing) co_return json_error(409, "emailTaken", "An account with this email exists already.", "email");
    std::string token = util::random_alnum(43);
    auto hash = util::hex_digest(util::HashAlg::sha256, token);
    std::string link = svc_.config().public_url + "/signup?inviteToken=" + token;
    bool mailed = svc_.mail_enabled();
    auto text = invitation_mail(svc_.settings().default_language, svc_.settings().name, c.user->name, link);
    std::int64_t inviter = c.user->id;
    util::Millis expires = now + kInvitationTtl;
    auto made = co_await store.run([&](store::Connection& conn) {
      store::Transaction tx(conn);
      auto inv = db::create_invitation(conn, email, hash, inviter, now, expires);
      if (mailed) db::queue_mail(conn, email, text.subject, text.body, now);
      tx.commit();
      return inv;
    });
    if (mailed) svc_.mail_queued();
    co_return json_response(json::object{{"invitation", json::object{{"id", std::to_string(made.id)},
                                                                     {"email", made.email},
                                                                     {"createdAt", made.created_at},
                                                                     {"expiresAt", made.expires_at},
                                                                     {"link", link}}},
                                         {"mailed", mailed}},
                            201);
  }
  auto id = rest.starts_with("/") ? id_of(rest.substr(1)) : std::nullopt;
  if (id && c.req.method == Method::del) {
    std::int64_t inv = *id;
    bool gone = co_await store.run([&](store::Connection& conn) { return db::revoke_invitation(conn, inv); });
    if (!gone) co_return json_error(404, "notFound", "There is no such open invitation.");
    co_return no_content();
  }
  co_return json_error(404, "notFound", "No such API.");
}

}  // namespace bluemeet::portal
