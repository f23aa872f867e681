// Recording on the node, as BigBlueButton does it in two stages. While a
// recorded meeting runs (record=true, recording started), its events are
// appended to <data>/recordings/raw/<internalID>/events.jsonl as they happen
// (the node's mapped webhook events: joins, leaves, chat), so a crash loses
// at most what the OS had not written. When it ends, the meeting's facts go
// to ended.json and a worker thread makes the `presentation` format
// (metadata.xml, events.json, the audio mix and the webcams and screens Janus
// recorded meanwhile with media.json (recording_media.h), and a
// self-contained player, index.html),
// publishes it on the node (local_recordings.h), hands it to the spool as a
// tar (recording/tar_write.h) and only then removes the raw directory. A
// start finishes what a crash interrupted.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "node/local_recordings.h"
#include "node/meeting.h"

namespace bluemeet::node {

class Recorder {
 public:
  // Recordings are published on the node (`local`) and, with a spool, handed to it.
  Recorder(std::filesystem::path data_dir, std::string spool, const LocalRecordings& local, std::string public_url);
  ~Recorder();

  // Called on the worker thread after a tar reached the spool (to wake an uploader).
  void on_spooled(std::function<void()> f) { on_spooled_ = std::move(f); }
  void start();  // the worker; queues what earlier runs left
  void stop();

  bool recording(const Meeting& m) const;
  // Keeps the events a playback shows (joins, leaves, chat, presenter,
  // slides, the end) while recording runs, and the start/pause marks; not
  // meeting-created, whose passwords have no place in a public recording.
  void capture(const Meeting& m, std::string_view event_id, std::string_view event_json, util::Millis now);
  void ended(const Meeting& m, util::Millis now);

 private:
  void work();
  void process(const std::filesystem::path& raw);

  std::filesystem::path raw_root_;
  std::string spool_;
  const LocalRecordings& local_;
  std::string public_url_;
  std::function<void()> on_spooled_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::filesystem::path> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

// The player page of the presentation format: loads events.json and media.json next to it.
extern const char* const kPlayerHtml;

}  // namespace bluemeet::node
