#include "portal/room_rules.h"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "util/crypto.h"
#include "util/random.h"

namespace json = boost::json;

namespace bluemeet::portal {
namespace {

bool valid_code(std::string_view c) {
  if (c.empty()) return true;
  if (c.size() > 32) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return ch > 0x20 && ch < 0x7f; });
}

bool forced(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

json::object to_json(const RoomOptions& o) {
  return {{"record", o.record},
          {"muteOnStart", o.mute_on_start},
          {"guestApproval", o.guest_approval},
          {"anyoneCanStart", o.anyone_can_start},
          {"allModerators", o.all_moderators},
          {"requireSignIn", o.require_sign_in},
          {"viewerAccessCode", o.viewer_access_code},
          {"moderatorAccessCode", o.moderator_access_code}};
}

bool apply_json(RoomOptions& o, const json::object& j, std::string& bad) {
  RoomOptions out = o;
  auto flag = [&](const char* key, bool& field) {
    const auto* v = j.if_contains(key);
    if (!v) return true;
    if (!v->is_bool()) return bad = key, false;
    field = v->as_bool();
    return true;
  };
  auto code = [&](const char* key, std::string& field) {
    const auto* v = j.if_contains(key);
    if (!v) return true;
    if (!v->is_string() || !valid_code(v->as_string())) return bad = key, false;
    field = std::string(v->as_string());
    return true;
  };
  if (!flag("record", out.record) || !flag("muteOnStart", out.mute_on_start) ||
      !flag("guestApproval", out.guest_approval) || !flag("anyoneCanStart", out.anyone_can_start) ||
      !flag("allModerators", out.all_moderators) || !flag("requireSignIn", out.require_sign_in) ||
      !code("viewerAccessCode", out.viewer_access_code) || !code("moderatorAccessCode", out.moderator_access_code))
    return false;
  o = std::move(out);
  return true;
}

RoomOptions options_from_json_text(std::string_view text, const RoomOptions& defaults) {
  RoomOptions o = defaults;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  std::string ignored;
  if (!ec && v.is_object()) apply_json(o, v.as_object(), ignored);
  return o;
}

RoomOptions effective_options(const RoomOptions& room, const RoomOptions& site, const std::vector<std::string>& f) {
  RoomOptions o = room;
  if (forced(f, "record")) o.record = site.record;
  if (forced(f, "muteOnStart")) o.mute_on_start = site.mute_on_start;
  if (forced(f, "guestApproval")) o.guest_approval = site.guest_approval;
  if (forced(f, "anyoneCanStart")) o.anyone_can_start = site.anyone_can_start;
  if (forced(f, "allModerators")) o.all_moderators = site.all_moderators;
  if (forced(f, "requireSignIn")) o.require_sign_in = site.require_sign_in;
  return o;
}

std::string new_friendly_id() {
  auto raw = util::random_lower_alnum(12);
  return raw.substr(0, 3) + "-" + raw.substr(3, 3) + "-" + raw.substr(6, 3) + "-" + raw.substr(9, 3);
}

bool looks_like_friendly_id(std::string_view s) {
  if (s.size() != 15) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i % 4 == 3;
    if (dash ? c != '-' : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

JoinDecision decide_join(const RoomOptions& o, const Visitor& v) {
  if (v.manages_room) return {JoinRole::moderator, {}};
  if (o.require_sign_in && !v.signed_in) return {std::nullopt, "signInRequired"};
  // Codes are compared in constant time: they are the room's secrets.
  if (!o.moderator_access_code.empty() && util::constant_time_equal(v.access_code, o.moderator_access_code))
    return {JoinRole::moderator, {}};
  if (!o.viewer_access_code.empty() && !util::constant_time_equal(v.access_code, o.viewer_access_code))
    return {std::nullopt, v.access_code.empty() ? "accessCodeRequired" : "wrongAccessCode"};
  return {o.all_moderators ? JoinRole::moderator : JoinRole::viewer, {}};
}

bool may_start(const RoomOptions& o, const Visitor& v) {
  if (v.manages_room) return true;
  if (!o.moderator_access_code.empty() && util::constant_time_equal(v.access_code, o.moderator_access_code)) return true;
  if (!o.anyone_can_start) return false;
  return decide_join(o, v).role.has_value();
}

std::optional<VisibilityParams> visibility_params(std::string_view v) {
  if (v == "published") return VisibilityParams{true, false, false};
  if (v == "unpublished") return VisibilityParams{false, false, false};
  if (v == "protected") return VisibilityParams{true, true, false};
  if (v == "public") return VisibilityParams{true, false, true};
  if (v == "publicProtected") return VisibilityParams{true, true, true};
  return std::nullopt;
}

bool valid_visibility(std::string_view v) { return visibility_params(v).has_value(); }

}  // namespace bluemeet::portal
