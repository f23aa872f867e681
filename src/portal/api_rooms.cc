// Rooms: list, create, show, change, delete; start and join through the
// gateway; co-owners.
#include <boost/json/serialize.hpp>

#include "bbb/query.h"
#include "portal/db/presentations.h"
#include "portal/api.h"
#include "portal/service.h"
#include "util/random.h"
#include "util/text.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {

using net::HttpResponse;
using net::Method;

namespace {

constexpr std::size_t kMaxRoomsPerUser = 100;

HttpResponse no_room() { return json_error(404, "notFound", "There is no such room."); }
HttpResponse signed_out() { return json_error(401, "unauthorized", "Sign in first."); }

}  // namespace

RoomOptions PortalApi::room_options(const db::Room& r) const {
  const auto& site = svc_.settings();
  return effective_options(options_from_json_text(r.options_json, site.default_room_options), site.default_room_options,
                           site.forced_room_options);
}

asio::awaitable<Visitor> PortalApi::visitor(Call& c, const db::Room& r) {
  std::int64_t uid = c.user ? c.user->id : 0;
  bool manager = c.user && co_await svc_.store().run([&](store::Connection& conn) { return db::manages(conn, r, uid); });
  co_return Visitor{c.user.has_value(), manager, text_field(c.body, "accessCode")};
}

json::object PortalApi::room_json(const db::Room& r, bool mine, bool running) const {
  auto opts = room_options(r);
  return {{"friendlyId", r.friendly_id},
          {"name", r.name},
          {"url", svc_.config().public_url + "/r/" + r.friendly_id},
          {"owner", json::object{{"id", r.owner_public_id}, {"name", r.owner_name}}},
          {"mine", mine},
          {"running", running},
          {"lastSession", r.last_session ? json::value(*r.last_session) : json::value(nullptr)},
          {"presentation", presentation_json(r.presentation)},
          {"options", to_json(opts)}};
}

asio::awaitable<HttpResponse> PortalApi::rooms(Call& c, std::string_view rest) {
  auto& store = svc_.store();
  if (rest.empty()) {  // /rooms
    if (!c.user) co_return signed_out();
    std::int64_t uid = c.user->id;
    if (c.req.method == Method::get) {
      auto list = co_await store.run([&](store::Connection& conn) { return db::rooms_of(conn, uid); });
      auto running = co_await svc_.gateway().running_meetings();
      json::array out;
      for (const auto& r : list) out.emplace_back(room_json(r, r.owner_id == uid, running.count(r.meeting_id) > 0));
      co_return json_response(json::object{{"rooms", std::move(out)}});
    }
    if (c.req.method != Method::post) co_return json_error(405, "methodNotAllowed", "Method not allowed.");
    if (!c.user->role.has("CreateRoom")) co_return json_error(403, "forbidden", "Your role may not create rooms.");
    std::string name(util::trim(text_field(c.body, "name")));
    if (name.empty() || name.size() > 100) co_return json_error(422, "invalidField", "Give a name of 1 to 100 characters.", "name");
    auto options = json::serialize(to_json(svc_.settings().default_room_options));
    auto now = util::now_millis();
    auto created = co_await store.run([&](store::Connection& conn) -> std::optional<db::Room> {
      store::Transaction tx(conn);
      std::size_t owned = 0;
      for (const auto& r : db::rooms_of(conn, uid)) owned += r.owner_id == uid;
      if (owned >= kMaxRoomsPerUser) return std::nullopt;
      auto room = db::create_room(conn, uid, name, options, now);
      tx.commit();
      return room;
    });
    if (!created) co_return json_error(409, "roomLimit", "You have as many rooms as you may.");
    co_return json_response(json::object{{"room", room_json(*created, true, false)}}, 201);
  }

  // /rooms/<friendlyId>[/<action>...]
  rest.remove_prefix(1);
  auto slash = rest.find('/');
  std::string fid(rest.substr(0, slash));
  std::string_view action = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  if (!looks_like_friendly_id(fid)) co_return no_room();
  auto room = co_await store.run([&](store::Connection& conn) { return db::room_by_friendly_id(conn, fid); });
  if (!room) co_return no_room();
  std::int64_t uid = c.user ? c.user->id : 0;
  const db::Room& r = *room;
  bool manager = c.user && co_await store.run([&](store::Connection& conn) { return db::manages(conn, r, uid); });

  if (action == "start" && c.req.method == Method::post) co_return co_await room_start(c, r);
  if (action == "join" && c.req.method == Method::post) co_return co_await room_join(c, r);
  if (action == "status" && c.req.method == Method::get) {
    // Not inside the braces: GCC 12 cannot keep an initializer list's array across a co_await.
    bool running = co_await svc_.gateway().is_running(r.meeting_id);
    co_return json_response(json::object{{"running", running}});
  }
  if (action == "recordings" || action == "attendance" || action.starts_with("shares")) {
    if (!manager) co_return no_room();
    if (action == "recordings") co_return co_await room_recordings(c, r);
    if (action == "attendance") co_return co_await room_attendance(c, r);
    co_return co_await room_shares(c, r, action.substr(6));
  }
  if (action == "presentation") co_return co_await room_presentation(c, r, manager);
  if (!action.empty()) co_return json_error(404, "notFound", "No such API.");

  if (c.req.method == Method::get) {
    bool running = co_await svc_.gateway().is_running(r.meeting_id);
    if (manager) co_return json_response(json::object{{"room", room_json(r, r.owner_id == uid, running)}});
    auto opts = room_options(r);
    co_return json_response(json::object{{"room", json::object{{"friendlyId", r.friendly_id},
                                                               {"name", r.name},
                                                               {"ownerName", r.owner_name},
                                                               {"running", running},
                                                               {"viewerCodeRequired", !opts.viewer_access_code.empty()},
                                                               {"moderatorCodeAvailable", !opts.moderator_access_code.empty()},
                                                               {"requireSignIn", opts.require_sign_in}}}});
  }
  if (!manager) co_return no_room();
  if (c.req.method == Method::patch || c.req.method == Method::put) {
    std::string name = r.name;
    if (c.body.contains("name")) {
      name = std::string(util::trim(text_field(c.body, "name")));
      if (name.empty() || name.size() > 100) co_return json_error(422, "invalidField", "Give a name of 1 to 100 characters.", "name");
    }
    auto opts = options_from_json_text(r.options_json, svc_.settings().default_room_options);
    if (const auto* o = c.body.if_contains("options")) {
      std::string bad;
      if (!o->is_object() || !apply_json(opts, o->as_object(), bad))
        co_return json_error(422, "invalidField", "A room option has a wrong value.", bad.empty() ? "options" : bad);
    }
    auto options = json::serialize(to_json(opts));
    std::int64_t id = r.id;
    co_await store.run([&](store::Connection& conn) { db::update_room(conn, id, name, options); });
    auto updated = r;
    updated.name = name;
    updated.options_json = options;
    co_return json_response(json::object{{"room", room_json(updated, r.owner_id == uid, false)}});
  }
  if (c.req.method == Method::del) {
    if (r.owner_id != uid && !(c.user && c.user->role.has("ManageRooms")))
      co_return json_error(403, "forbidden", "Only the room's owner deletes it.");
    std::int64_t id = r.id;
    co_await store.run([&](store::Connection& conn) { db::delete_room(conn, id); });
    co_return no_content();
  }
  co_return json_error(405, "methodNotAllowed", "Method not allowed.");
}

asio::awaitable<HttpResponse> PortalApi::room_start(Call& c, const db::Room& r) {
  auto v = co_await visitor(c, r);
  auto opts = room_options(r);
  if (!may_start(opts, v)) co_return json_error(403, "forbidden", "Only the room's owners may start it.");
  const auto& base = svc_.config().public_url;
  bbb::Params create;
  create.add("meetingID", r.meeting_id);
  create.add("name", r.name);
  create.add("record", opts.record ? "true" : "false");
  if (opts.mute_on_start) create.add("muteOnStart", "true");
  create.add("guestPolicy", opts.guest_approval ? "ASK_MODERATOR" : "ALWAYS_ACCEPT");
  create.add("logoutURL", base + "/r/" + r.friendly_id);
  create.add("meta_bbb-origin", "BlueMeet");
  create.add("meta_bbb-origin-server-name", base);
  create.add("meta_bbb-context-name", r.name);
  create.add("meta_bbb-context-id", r.friendly_id);
  create.add("meta_bbb-recording-ready-url", base + "/callbacks/recording-ready");
  create.add("meta_analytics-callback-url", base + "/callbacks/analytics?room=" + r.friendly_id + "&token=" +
                                                svc_.callback_token(r.meeting_id));
  std::int64_t id = r.id;
  // The room's presentation goes with the create as BBB's <modules> body.
  // Built on the store's thread: base64 of up to 20 MiB is no work for the event loop.
  std::string modules;
  if (r.presentation)
    modules = co_await svc_.store().run([&](store::Connection& conn) {
      auto p = db::presentation_of(conn, id);
      return p ? presentation_modules(p->info.file_name, p->bytes) : std::string();
    });
  co_await svc_.gateway().create(create, modules);
  auto now = util::now_millis();
  co_await svc_.store().run([&](store::Connection& conn) { db::set_last_session(conn, id, now); });
  co_return co_await room_join(c, r, true);
}

asio::awaitable<HttpResponse> PortalApi::room_join(Call& c, const db::Room& r, bool just_started) {
  auto v = co_await visitor(c, r);
  auto opts = room_options(r);
  auto decision = decide_join(opts, v);
  if (!decision.role) {
    const char* message = decision.error == "signInRequired"     ? "Sign in to join this room."
                          : decision.error == "wrongAccessCode"  ? "That access code is not right."
                                                                 : "This room needs an access code.";
    co_return json_error(403, decision.error, message);
  }
  std::string name = c.user ? c.user->name : std::string(util::trim(text_field(c.body, "name")));
  if (name.empty() || name.size() > 100) co_return json_error(422, "invalidField", "Give your name (1 to 100 characters).", "name");
  if (!just_started && !co_await svc_.gateway().is_running(r.meeting_id))
    co_return json_response(json::object{{"waiting", true}});
  bbb::Params join;
  join.add("meetingID", r.meeting_id);
  join.add("fullName", name);
  join.add("role", *decision.role == JoinRole::moderator ? "MODERATOR" : "VIEWER");
  join.add("userID", c.user ? c.user->public_id : "guest-" + util::random_lower_alnum(16));
  // People who are not signed in wait for a moderator where the room asks for approval.
  if (!c.user && *decision.role == JoinRole::viewer && opts.guest_approval) join.add("guest", "true");
  join.add("redirect", "true");
  co_return json_response(json::object{{"joinUrl", svc_.gateway().url("join", join)}});
}

asio::awaitable<HttpResponse> PortalApi::room_shares(Call& c, const db::Room& r, std::string_view rest) {
  auto& store = svc_.store();
  std::int64_t room_id = r.id;
  if (rest.empty() && c.req.method == Method::get) {
    auto list = co_await store.run([&](store::Connection& conn) { return db::shares_of(conn, room_id); });
    json::array users;
    for (const auto& u : list) users.emplace_back(json::object{{"id", u.public_id}, {"name", u.name}, {"email", u.email}});
    co_return json_response(json::object{{"users", std::move(users)}});
  }
  if (rest.empty() && c.req.method == Method::post) {
    if (!c.user->role.has("SharedList")) co_return json_error(403, "forbidden", "Your role may not share rooms.");
    auto email = text_field(c.body, "email");
    auto other = co_await store.run([&](store::Connection& conn) { return db::user_by_email(conn, email); });
    if (!other || other->status != "active") co_return json_error(404, "userNotFound", "Nobody here has that email.", "email");
    if (other->id == r.owner_id) co_return json_error(422, "invalidField", "The owner has the room already.", "email");
    std::int64_t other_id = other->id;
    co_await store.run([&](store::Connection& conn) { db::add_share(conn, room_id, other_id); });
    co_return json_response(json::object{{"user", json::object{{"id", other->public_id}, {"name", other->name}, {"email", other->email}}}},
                            201);
  }
  if (rest.starts_with("/") && c.req.method == Method::del) {
    std::string who(rest.substr(1));
    bool removed = co_await store.run([&](store::Connection& conn) { return db::remove_share(conn, room_id, who); });
    if (!removed) co_return json_error(404, "notFound", "That user does not share this room.");
    co_return no_content();
  }
  co_return json_error(405, "methodNotAllowed", "Method not allowed.");
}

}  // namespace bluemeet::portal
