#include "media/janus_rooms.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::media {
namespace {

bool is_audiobridge(const JanusHandle& handle) { return handle.plugin() == kAudioBridgePlugin; }

int no_such_room(const JanusHandle& handle) {
  return is_audiobridge(handle) ? kAudioBridgeNoSuchRoom : kVideoRoomNoSuchRoom;
}

int room_exists_code(const JanusHandle& handle) {
  return is_audiobridge(handle) ? kAudioBridgeRoomExists : kVideoRoomRoomExists;
}

asio::awaitable<bool> create_room(JanusHandle& handle, json::object request) {
  try {
    co_await handle.message(std::move(request));
    co_return true;
  } catch (const JanusError& e) {
    if (e.kind() != JanusError::Kind::plugin || e.code() != room_exists_code(handle)) throw;
  }
  co_return false;
}

}  // namespace

asio::awaitable<bool> create_audio_room(JanusHandle& audiobridge, const AudioRoomOptions& options) {
  if (!is_audiobridge(audiobridge)) throw std::invalid_argument("create_audio_room needs an AudioBridge handle");
  auto request = audio_room_create_request(options);
  co_return co_await create_room(audiobridge, std::move(request));
}

asio::awaitable<bool> create_video_room(JanusHandle& videoroom, const VideoRoomOptions& options) {
  if (videoroom.plugin() != kVideoRoomPlugin) throw std::invalid_argument("create_video_room needs a VideoRoom handle");
  auto request = video_room_create_request(options);
  co_return co_await create_room(videoroom, std::move(request));
}

asio::awaitable<bool> destroy_room(JanusHandle& handle, std::uint64_t room, const std::string& secret) {
  auto request = room_destroy_request(room, secret);
  try {
    co_await handle.message(std::move(request));
    co_return true;
  } catch (const JanusError& e) {
    if (e.kind() != JanusError::Kind::plugin || e.code() != no_such_room(handle)) throw;
  }
  co_return false;
}

asio::awaitable<bool> room_exists(JanusHandle& handle, std::uint64_t room) {
  auto request = room_exists_request(room);
  auto reply = co_await handle.message(std::move(request));
  auto exists = read_room_exists(reply.data);
  if (!exists) throw JanusError(JanusError::Kind::protocol, 0, "exists answered without 'exists'");
  co_return *exists;
}

asio::awaitable<std::vector<std::uint64_t>> list_rooms(JanusHandle& handle) {
  json::object request{{"request", "list"}};
  auto reply = co_await handle.message(std::move(request));
  co_return read_room_list(reply.data);
}

}  // namespace bluemeet::media
