// Hands recorded meetings to a gateway over HTTP(S) when the node shares no
// storage with it (`bluemeet node --upload URL`): the recorder writes its
// tars into <data>/recordings/outbox/ exactly as it would into a shared
// spool, and this uploader POSTs each to <URL>/gateway/recordings/upload
// with an upload token signed with the node's secret (recording/upload_token.h),
// removing a tar only after the gateway answered 2xx. Failures are retried
// with back-off (2 s doubling to 5 minutes) for as long as it takes: a tar
// waits on the node's disk, never lost, while the gateway is away.
//
// Runs on a thread of its own: hashing and reading a tar of gigabytes must
// not stall the node's event loop.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace bluemeet::node {

class RecordingUploader {
 public:
  RecordingUploader(std::filesystem::path outbox, std::string gateway_url, std::string secret);
  ~RecordingUploader();

  void start();
  void stop();
  void wake();  // a new tar is in the outbox: try now, whatever the back-off

  // The gateway's upload endpoint for a gateway base URL ("https://gw.example.org").
  static std::string endpoint(std::string_view gateway_url);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
  std::thread thread_;
};

}  // namespace bluemeet::node
