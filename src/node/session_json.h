// The JSON messages of the client session protocol (docs/session-protocol.md).
// Pure builders and a parser for what clients send.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "node/meeting.h"

namespace bluemeet::node::session {

std::string welcome(const Meeting& m, const User& you, std::string_view logout_url, bool media_enabled,
                    std::string_view media_reason);
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

// A parsed client message; `type` empty when the text is not a JSON object with a string type.
struct ClientMessage {
  std::string type;
  std::string text;     // chatSend
  std::string user_id;  // handSet, presenterSet, userRemove, guestDecide
  std::string id;       // ping
  std::string doc_id;   // presentationShow
  int page = 0;         // presentationShow; 0 when missing or not an integer
  bool flag = false;    // handSet.raised, guestDecide.allow
  std::optional<LockSettings> lock;  // lockSet, merged over `current`
};
ClientMessage parse_client_message(std::string_view text, const LockSettings& current);

}  // namespace bluemeet::node::session
