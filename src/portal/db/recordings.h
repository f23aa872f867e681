// The portal's copy of its rooms' recordings (announced by the gateway's
// recording-ready callback, details from getRecordings) and the attendance
// the analytics callback reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.h"

namespace bluemeet::portal::db {

struct Recording {
  std::int64_t id = 0;
  std::string record_id;
  std::int64_t room_id = 0;
  std::string name, visibility;
  std::int64_t start_time = 0, length_minutes = 0, participants = 0;
  std::string formats_json;  // [{"type","url"}]
};

// Inserts or refreshes a recording (a repeated callback changes nothing but the details).
void save_recording(store::Connection& c, const Recording& r, std::int64_t now);
std::vector<Recording> recordings_of_room(store::Connection& c, std::int64_t room_id);
std::optional<Recording> recording_by_id(store::Connection& c, std::string_view record_id);
void update_recording(store::Connection& c, std::int64_t id, const std::string& name, const std::string& visibility,
                      std::int64_t now);
void delete_recording(store::Connection& c, std::int64_t id);
std::int64_t count_recordings(store::Connection& c);

// Every room's recordings, newest first, with their room and its owner (administrators' view).
struct RecordingOfRoom {
  Recording recording;
  std::string room_friendly_id, room_name, owner_public_id, owner_name;
};
std::vector<RecordingOfRoom> all_recordings(store::Connection& c, int limit);

struct Attendance {
  std::string internal_meeting_id;
  std::int64_t started_at = 0, ended_at = 0;
  std::string attendees_json;  // [{name, joinedAt, leftAt, durationSeconds, moderator}]
};
void save_attendance(store::Connection& c, std::int64_t room_id, const Attendance& a, std::int64_t now);
std::vector<Attendance> attendance_of_room(store::Connection& c, std::int64_t room_id);

}  // namespace bluemeet::portal::db
