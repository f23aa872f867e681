// The bodies and URLs of what a node sends out when things happen: webhook
// events (bbb-webhooks' mapped format), the end callback and the analytics
// callback. Pure: built from meeting state and the time.
#pragma once

#include <string>
#include <string_view>

#include "node/meeting.h"

namespace bluemeet::node {

// {"data":{"type":"event","id":ID,"attributes":{...},"event":{"ts":now}}}
std::string webhook_meeting_created(const Meeting& m, util::Millis now);
std::string webhook_meeting_ended(const Meeting& m, util::Millis now);
std::string webhook_user(const Meeting& m, const User& u, bool joined, util::Millis now);
// A presenter change (BBB's user-presenter-assigned).
std::string webhook_presenter(const Meeting& m, const User& u, util::Millis now);
// Recording started or paused, by a moderator (`by`) or by the meeting's auto-start (nullptr).
std::string webhook_recording(const Meeting& m, bool started, const User* by, util::Millis now);
std::string webhook_chat(const Meeting& m, const ChatMessage& msg, const User* sender, util::Millis now);
// The shown document and page changed (no BBB webhook: a recording event,
// in the webhooks' shape so the recorder and player read it alike).
std::string presentation_event(const Meeting& m, const std::string& by_user_id, util::Millis now);

// GET target for meta_endCallbackUrl / meetingEndedURL: the URL plus
// recordingmarks=true|false and meetingID=<external>, existing query kept.
std::string end_callback_url(std::string_view url, const Meeting& m);

// The analytics callback's JSON body (bbbevents' shape, snake_case) and its
// Authorization header value: "Bearer " + HS512 JWT with exp = now + 24 h.
std::string analytics_body(const Meeting& m);
std::string analytics_authorization(std::string_view secret, util::Millis now);

std::string iso8601(util::Millis t);  // 2026-11-24T06:00:00.000Z

}  // namespace bluemeet::node
