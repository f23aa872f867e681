// Calls a browser makes with its session token instead of a checksum:
// getJoinUrl, enter, guestWait, learningDashboard, signOut, stuns.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "bbb/meta.h"
#include "bbb/url_builder.h"
#include "node/api.h"
#include "node/service.h"

namespace json = boost::json;

namespace bluemeet::node {

using net::HttpResponse;

namespace {

HttpResponse json_response(json::object response) {
  return HttpResponse::json(json::serialize(json::object{{"response", std::move(response)}}));
}

HttpResponse invalid_token(std::string_view token) {
  return json_response({{"returncode", "FAILED"}, {"message", "Invalid session token"}, {"sessionToken", token}});
}

}  // namespace

HttpResponse NodeApi::session_token_call(net::HttpRequest& req, std::string_view call) {
  auto params = bbb::Params::parse(req.query());
  if (!params) return invalid_token("");
  auto token = params->get("sessionToken");
  auto ref = svc_.registry().by_session(token);
  bool valid = ref && !ref->meeting->ended() && !ref->user->removed;

  if (call == "stuns") return HttpResponse::json(R"({"stunServers":[],"turnServers":[],"remoteIceCandidates":[]})");
  if (call == "signOut") return json_response({{"returncode", "SUCCESS"}, {"message", "Signed out."}});
  if (!valid) {
    if (call == "enter")
      return json_response({{"returncode", "FAILED"},
                            {"message", "Could not find conference."},
                            {"logoutURL", svc_.logout_url_for(nullptr, nullptr)}});
    return invalid_token(token);
  }
  const Meeting& m = *ref->meeting;
  const User& u = *ref->user;

  if (call == "guestWait") {
    json::object r{{"returncode", "SUCCESS"},
                   {"guestStatus", guest_status_name(u.guest_status)},
                   {"meeting_id", m.internal_id()}};
    if (u.guest_status == GuestStatus::allow) r["url"] = svc_.client_url(token);
    return json_response(std::move(r));
  }
  if (call == "learningDashboard")
    return json_response({{"returncode", "FAILED"}, {"message", "Learning dashboard is not available on this server"},
                          {"sessionToken", token}});
  if (call == "getJoinUrl") {
    // A new join URL for the same person, as BBB signs it: sha1 with the server's secret.
    bbb::Params p;
    p.add("redirect", "true");
    p.add("existingUserID", u.user_id);
    p.add("role", std::string(role_name(u.role)));
    for (const auto& [k, v] : params->entries())
      if (k.starts_with("userdata-") || k == "sessionName" || k == "enforceLayout" || k == "replaceSession")
        p.add(k, v);
    p.add("fullName", u.name);
    p.add("meetingID", m.external_id());
    p.add("userID", u.ext_user_id);
    auto url = bbb::signed_url(svc_.config().public_url + "/bigbluebutton/api/", "join", p, svc_.config().secret,
                               util::HashAlg::sha1);
    return json_response({{"returncode", "SUCCESS"}, {"message", "Join URL provided successfully."}, {"url", url}});
  }
  // enter
  json::object custom;
  for (const auto& [k, v] : u.customdata) custom[k] = v;
  json::object meta;
  for (const auto& [k, v] : m.options().metadata) meta[k] = v;
  return json_response({{"returncode", "SUCCESS"},
                        {"fullname", u.name},
                        {"confname", m.options().name},
                        {"meetingID", m.internal_id()},
                        {"externMeetingID", m.external_id()},
                        {"externUserID", u.ext_user_id},
                        {"internalUserID", u.user_id},
                        {"authToken", u.auth_token},
                        {"role", role_name(u.role)},
                        {"guest", u.guest},
                        {"guestStatus", guest_status_name(u.guest_status)},
                        {"conference", m.internal_id()},
                        {"room", m.internal_id()},
                        {"voicebridge", m.voice_bridge()},
                        {"dialnumber", m.options().dial_number},
                        {"webvoiceconf", m.voice_bridge()},
                        {"mode", "LIVE"},
                        {"record", m.options().record},
                        {"isBreakout", m.options().is_breakout},
                        {"welcome", m.options().welcome},
                        {"logoutUrl", svc_.logout_url_for(&m, &u)},
                        {"avatarURL", u.avatar_url},
                        {"customdata", std::move(custom)},
                        {"metadata", std::move(meta)}});
}

}  // namespace bluemeet::node
