// The rooms a meeting has in Janus: one AudioBridge room (the mixed audio)
// and one VideoRoom room (webcams and screen sharing), created and destroyed
// by the node with ids and secrets of its choosing.
//
// Each call goes through a handle attached to the matching plugin
// (kAudioBridgePlugin / kVideoRoomPlugin) and throws JanusError on anything
// but the outcomes described here; std::invalid_argument on bad options.
// The handle must stay alive until the call completes.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "media/janus_client.h"
#include "media/janus_room_requests.h"

namespace bluemeet::media {

// True when created, false when a room with that id already existed (its
// settings are left as they were: the node reuses it after its own restart).
boost::asio::awaitable<bool> create_audio_room(JanusHandle& audiobridge, const AudioRoomOptions& options);
boost::asio::awaitable<bool> create_video_room(JanusHandle& videoroom, const VideoRoomOptions& options);

// Idempotent: true when destroyed, false when there was no such room. Janus
// tells the room's participants ("destroyed" events) and hangs them up.
boost::asio::awaitable<bool> destroy_room(JanusHandle& handle, std::uint64_t room, const std::string& secret);

boost::asio::awaitable<bool> room_exists(JanusHandle& handle, std::uint64_t room);

// The ids of the plugin's rooms.
boost::asio::awaitable<std::vector<std::uint64_t>> list_rooms(JanusHandle& handle);

}  // namespace bluemeet::media
