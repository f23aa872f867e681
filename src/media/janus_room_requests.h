// The AudioBridge and VideoRoom requests a meeting needs, built from typed
// options, and the plugins' answers read back (pure, no I/O).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bluemeet::media {

inline constexpr const char* kAudioBridgePlugin = "janus.plugin.audiobridge";
inline constexpr const char* kVideoRoomPlugin = "janus.plugin.videoroom";

// The plugins' "no such room" and "room already exists" error codes (Janus 1.1).
inline constexpr int kAudioBridgeNoSuchRoom = 485;
inline constexpr int kAudioBridgeRoomExists = 486;
inline constexpr int kVideoRoomNoSuchRoom = 426;
inline constexpr int kVideoRoomRoomExists = 427;

// Room ids are chosen by the caller: 1 to 2^53-1 (Janus stores them as JSON
// integers, which browsers' janus.js reads as doubles).
inline constexpr std::uint64_t kMaxRoomId = (std::uint64_t{1} << 53) - 1;

struct AudioRoomOptions {
  std::uint64_t room = 0;
  std::string secret;  // needed to destroy or change the room; required
  std::string description;
  int sampling_rate = 48000;
  bool allow_rtp_participants = true;  // plain-RTP participants: the SIP gateway's calls
  // When set, the mix is recorded as a WAV file in this directory.
  std::optional<std::filesystem::path> record_dir;
  std::string record_file;  // file name inside record_dir; empty: "audio-<room>.wav"
  // "talking"/"stopped-talking" events for each participant.
  bool talking_events = true;
};

struct VideoRoomOptions {
  std::uint64_t room = 0;
  std::string secret;  // required
  std::string description;
  int publishers = 100;        // webcams plus screen shares at once
  std::uint32_t bitrate = 0;   // per publisher, bits/s; 0: Janus's default (no cap)
  std::string videocodec = "vp8";
  std::string audiocodec = "opus";
  std::optional<std::filesystem::path> record_dir;  // when set, every publisher is recorded (.mjr) here
};

// Throw std::invalid_argument on a room id out of range, an empty secret or an unusable option.
boost::json::object audio_room_create_request(const AudioRoomOptions& options);
boost::json::object video_room_create_request(const VideoRoomOptions& options);
// Works for both plugins; never writes the plugin's config file ("permanent": false).
boost::json::object room_destroy_request(std::uint64_t room, const std::string& secret);
boost::json::object room_exists_request(std::uint64_t room);

// "exists": true/false of an exists answer; nullopt when it has none.
std::optional<bool> read_room_exists(const boost::json::object& reply);
// The room ids of a "list" answer.
std::vector<std::uint64_t> read_room_list(const boost::json::object& reply);

}  // namespace bluemeet::media
