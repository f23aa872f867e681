// The JSON messages of the client session protocol (docs/session-protocol.md).
// Pure builders and a parser for what clients send.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "node/meeting.h"

namespace bluemeet::node::session {

// media: {enabled, reason?, iceServers} (MediaService::welcome_info).
std::string welcome(const Meeting& m, const User& you, std::string_view logout_url, boost::json::object media);
std::string waiting();
std::string denied(std::string_view logout_url);
std::string user_joined(const User& u);
std::string user_left(const std::string& user_id);
std::string user_updated(const User& u);
std::string chat(const ChatMessage& m);
std::string guests(const Meeting& m);
std::string lock(const LockSettings& l);
std::string recording(bool on);
// The meeting's documents and shown page, with document links carrying this user's session token.
std::string presentation(const Meeting& m, const User& you);
std::string ended(std::string_view reason, std::string_view logout_url);
std::string error(std::string_view code, std::string_view message);
std::string pong(std::string_view id);
// Media signalling (the node relays Janus's side).
std::string media_answer(std::string_view pc, std::string_view sdp);
// streams: [{mid, userId, source, kind}]
std::string media_offer(std::string_view sdp, boost::json::array streams);
std::string media_candidate(std::string_view pc, const boost::json::value& candidate);  // null: gathering complete
std::string media_stopped(std::string_view pc, std::string_view reason);
// An error answering a media request, naming its connection (pc) so the page knows which offer failed.
std::string media_error(std::string_view pc, std::string_view code, std::string_view message);
// A moderator muted everyone (or lifted it): later microphones start muted meanwhile.
std::string media_muted_all(bool muted);

// A parsed client message; `type` empty when the text is not a JSON object with a string type.
struct ClientMessage {
  std::string type;
  std::string text;     // chatSend
  std::string user_id;  // handSet, presenterSet, userRemove, guestDecide
  std::string id;       // ping
  std::string doc_id;   // presentationShow
  // media*: which peer connection, its SDP, what is published, ICE
  std::string pc, sdp, source;
  bool listen_only = false;     // mediaAudioJoin
  bool except_presenter = false;  // mediaMuteAll
  boost::json::value candidate;   // mediaCandidate: an object, or null when gathering is complete
  int page = 0;         // presentationShow; 0 when missing or not an integer
  bool flag = false;    // handSet.raised, guestDecide.allow, mediaMute(All).muted
  std::optional<LockSettings> lock;  // lockSet, merged over `current`
};
ClientMessage parse_client_message(std::string_view text, const LockSettings& current);
// Which connection a media* request is about: pc, or what mediaAudioJoin/mediaPublish imply.
std::string media_pc(const ClientMessage& msg);

}  // namespace bluemeet::node::session
