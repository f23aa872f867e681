// What a server's getMeetings answer tells the poller. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::gateway {

struct ServerMeeting {
  std::string backend_id;  // <meetingID>
  int participants = 0;
  int video = 0;
  int voice = 0;
  bool breakout = false;
};

struct ServerReport {
  std::vector<ServerMeeting> meetings;
  int participants = 0;  // over non-breakout meetings
  int video = 0;
  int voice = 0;
};

// nullopt unless the XML parses and says SUCCESS; "no meetings" is a success.
std::optional<ServerReport> parse_get_meetings(std::string_view xml);

}  // namespace bluemeet::gateway
