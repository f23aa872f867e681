#include "gateway/domain/poll_result.h"

#include <pugixml.hpp>

namespace bluemeet::gateway {

std::optional<ServerReport> parse_get_meetings(std::string_view xml) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return std::nullopt;
  auto response = doc.child("response");
  if (std::string_view(response.child_value("returncode")) != "SUCCESS") return std::nullopt;
  ServerReport report;
  for (auto m : response.child("meetings").children("meeting")) {
    ServerMeeting sm;
    sm.backend_id = m.child_value("meetingID");
    sm.participants = m.child("participantCount").text().as_int();
    sm.video = m.child("videoCount").text().as_int();
    sm.voice = m.child("voiceParticipantCount").text().as_int();
    sm.breakout = std::string_view(m.child_value("isBreakout")) == "true";
    if (!sm.breakout) {
      report.participants += sm.participants;
      report.video += sm.video;
      report.voice += sm.voice;
    }
    report.meetings.push_back(std::move(sm));
  }
  return report;
}

}  // namespace bluemeet::gateway
