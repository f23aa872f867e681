#include "node/client_session.h"

#include "bbb/query.h"
#include "node/service.h"
#include "node/session_json.h"

namespace bluemeet::node {
namespace {

// At most `burst` messages at once, refilled at `per_second`.
class RateLimiter {
 public:
  explicit RateLimiter(double burst = 40, double per_second = 20)
      : burst_(burst), per_second_(per_second), tokens_(burst) {}
  bool allow(util::Millis now) {
    tokens_ = std::min(burst_, tokens_ + static_cast<double>(now - last_) * per_second_ / 1000.0);
    last_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double burst_, per_second_;
  double tokens_;
  util::Millis last_ = util::now_millis();
};

std::string_view error_code(ActionError e) {
  switch (e) {
    case ActionError::forbidden: return "forbidden";
    case ActionError::locked: return "locked";
    case ActionError::bad_request: return "badRequest";
    case ActionError::not_found: return "notFound";
    case ActionError::none: return "";
  }
  return "";
}

std::string_view error_text(ActionError e) {
  switch (e) {
    case ActionError::forbidden: return "You are not allowed to do that.";
    case ActionError::locked: return "A moderator has locked this for viewers.";
    case ActionError::bad_request: return "That request was not valid.";
    case ActionError::not_found: return "That user is not in the meeting.";
    case ActionError::none: return "";
  }
  return "";
}

}  // namespace

boost::asio::awaitable<void> run_client_session(NodeService& svc, std::shared_ptr<net::WebSocketConnection> ws,
                                                net::HttpRequest request) {
  auto params = bbb::Params::parse(request.query());
  std::string token = params ? params->get("sessionToken") : std::string();
  auto ref = svc.registry().by_session(token);
  if (!ref || ref->meeting->ended() || ref->user->removed) {
    const Meeting* m = ref ? ref->meeting : nullptr;
    const User* u = ref ? ref->user : nullptr;
    ws->send(session::ended(u && u->removed ? "removed" : "ended", svc.logout_url_for(m, u)));
    co_return;
  }
  if (ref->user->guest_status == GuestStatus::deny) {
    ws->send(session::denied(svc.logout_url_for(ref->meeting, ref->user)));
    co_return;
  }

  const std::string internal_id = ref->meeting->internal_id();
  const std::string user_id = ref->user->user_id;
  {
    Meeting& m = *ref->meeting;
    svc.attach(m, user_id, ws);
    auto events = m.connect(user_id, svc.now());
    const User* u = m.user(user_id);
    if (u->guest_status == GuestStatus::wait) ws->send(session::waiting());
    else ws->send(svc.welcome_for(m, *u));
    svc.dispatch(m, events);
  }

  RateLimiter limiter;
  RateLimiter candidates(100, 50);
  while (true) {
    auto text = co_await ws->receive();
    if (!text) break;
    // The meeting may have ended or been purged while we waited.
    Meeting* m = svc.registry().by_internal(internal_id);
    if (!m || m->ended()) break;
    const User* me = m->user(user_id);
    if (!me || me->removed) break;
    auto now = svc.now();
    auto msg = session::parse_client_message(*text, m->lock());
    // ICE candidates come in bursts when a connection starts: they have an allowance of their own.
    if (!(msg.type == "mediaCandidate" ? candidates : limiter).allow(now)) {
      ws->send(session::error("rateLimited", "Too many messages; slow down."));
      continue;
    }
    if (msg.type == "ping") {
      ws->send(session::pong(msg.id));
      continue;
    }
    if (msg.type == "leave") {
      ws->send(session::ended("left", svc.logout_url_for(m, me)));
      break;
    }
    if (me->guest_status != GuestStatus::allow || !me->in_meeting) continue;  // waiting guests only wait
    if (msg.type.starts_with("media")) {
      svc.media().handle(*m, user_id, ws, std::move(msg));
      continue;
    }
    ActionError err = ActionError::none;
    Events events;
    if (msg.type == "chatSend") events = m->chat(user_id, msg.text, now, err);
    else if (msg.type == "handSet") events = m->set_hand(user_id, msg.user_id, msg.flag, err);
    else if (msg.type == "presenterSet") events = m->set_presenter(user_id, msg.user_id, err);
    else if (msg.type == "userRemove") events = m->remove_user(user_id, msg.user_id, now, err);
    else if (msg.type == "lockSet" && msg.lock) events = m->set_lock(user_id, *msg.lock, err);
    else if (msg.type == "guestDecide") events = m->decide_guest(user_id, msg.user_id, msg.flag, now, err);
    else if (msg.type == "meetingEnd") events = m->end_by(user_id, now, err);
    else if (msg.type == "recordingSet") events = m->set_recording(user_id, msg.flag, err);
    else if (msg.type == "presentationShow") events = m->show_presentation(user_id, msg.doc_id, msg.page, err);
    else continue;  // unknown types are ignored, so newer clients work with older nodes
    if (err != ActionError::none) ws->send(session::error(error_code(err), error_text(err)));
    svc.dispatch(*m, events);
  }

  svc.media().closed(svc.registry().by_internal(internal_id), ws.get());
  svc.detach(internal_id, user_id, ws.get());
  if (Meeting* m = svc.registry().by_internal(internal_id)) svc.dispatch(*m, m->disconnect(user_id, svc.now()));
  ws->close();
}

}  // namespace bluemeet::node
