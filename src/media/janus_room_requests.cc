#include "media/janus_room_requests.h"

#include <stdexcept>

#include "media/janus_message.h"

namespace json = boost::json;

namespace bluemeet::media {
namespace {

void check_room(std::uint64_t room, const std::string& secret) {
  if (room == 0 || room > kMaxRoomId) throw std::invalid_argument("janus room id must be 1 to 2^53-1");
  if (secret.empty()) throw std::invalid_argument("janus room " + std::to_string(room) + " needs a secret");
}

void check_dir(const std::optional<std::filesystem::path>& dir) {
  if (dir && !dir->is_absolute()) throw std::invalid_argument("janus recording directory must be absolute");
}

}  // namespace

json::object audio_room_create_request(const AudioRoomOptions& o) {
  check_room(o.room, o.secret);
  check_dir(o.record_dir);
  if (o.sampling_rate != 8000 && o.sampling_rate != 12000 && o.sampling_rate != 16000 && o.sampling_rate != 24000 &&
      o.sampling_rate != 48000)
    throw std::invalid_argument("AudioBridge sampling rate must be 8000, 12000, 16000, 24000 or 48000");
  json::object r{{"request", "create"},
                 {"room", o.room},
                 {"permanent", false},
                 {"description", o.description.empty() ? "room " + std::to_string(o.room) : o.description},
                 {"secret", o.secret},
                 {"sampling_rate", o.sampling_rate},
                 {"allow_rtp_participants", o.allow_rtp_participants},
                 {"audiolevel_event", o.talking_events}};
  if (o.talking_events) {
    // Janus's own defaults, sent because it warns when they are missing: talking
    // after 100 packets (2 s) averaging above level 25 (of 127, lower is louder).
    r["audio_active_packets"] = 100;
    r["audio_level_average"] = 25;
  }
  if (o.record_dir) {
    r["record"] = true;
    r["record_dir"] = o.record_dir->generic_string();
    r["record_file"] = o.record_file.empty() ? "audio-" + std::to_string(o.room) + ".wav" : o.record_file;
  }
  return r;
}

json::object video_room_create_request(const VideoRoomOptions& o) {
  check_room(o.room, o.secret);
  check_dir(o.record_dir);
  if (o.publishers < 1) throw std::invalid_argument("VideoRoom needs room for at least one publisher");
  json::object r{{"request", "create"},
                 {"room", o.room},
                 {"permanent", false},
                 {"description", o.description.empty() ? "room " + std::to_string(o.room) : o.description},
                 {"secret", o.secret},
                 {"publishers", o.publishers},
                 {"bitrate", o.bitrate},
                 {"videocodec", o.videocodec},
                 {"audiocodec", o.audiocodec}};
  if (o.record_dir) {
    r["record"] = true;
    r["rec_dir"] = o.record_dir->generic_string();
    // Only the room secret may turn recording on or off.
    r["lock_record"] = true;
  }
  return r;
}

json::object room_destroy_request(std::uint64_t room, const std::string& secret) {
  check_room(room, secret);
  return json::object{{"request", "destroy"}, {"room", room}, {"secret", secret}, {"permanent", false}};
}

json::object room_exists_request(std::uint64_t room) {
  if (room == 0 || room > kMaxRoomId) throw std::invalid_argument("janus room id must be 1 to 2^53-1");
  return json::object{{"request", "exists"}, {"room", room}};
}

std::optional<bool> read_room_exists(const json::object& reply) {
  auto* v = reply.if_contains("exists");
  if (!v || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

std::vector<std::uint64_t> read_room_list(const json::object& reply) {
  std::vector<std::uint64_t> rooms;
  auto* list = reply.if_contains("list");
  if (!list || !list->is_array()) return rooms;
  for (const auto& entry : list->get_array())
    if (entry.is_object())
      if (auto id = json_id(entry.get_object(), "room")) rooms.push_back(id);
  return rooms;
}

}  // namespace bluemeet::media
