// Imports recordings from the spool into storage and the database, in
// Scalelite's layout under one directory (an NFS export shared with the
// servers in production):
//
//   DIR/spool/<anything>.tar        servers drop tars here (temp name, then rename)
//   DIR/work/<owner>/               tars this gateway claimed, and their extraction
//   DIR/published/<format>/<recordID>/
//   DIR/unpublished/<format>/<recordID>/
//   DIR/failed/                     tars that can never import (kept for operators)
//
// One tar at a time: claim it by renaming it into work/ (several gateways
// may watch one spool: the rename decides), extract it (tar_extract.h),
// read each <format>/<recordID>/metadata.xml, and for each format, in one
// database transaction, record it for the tenant whose meeting made it,
// move its files into place and queue the tenant's recording-ready
// callback. The tar is deleted only after every format committed. A crash
// at any step leaves the tar in work/ and the next start resumes it; a full
// disk or a database that is down keeps it there for a later retry; a
// corrupt or hostile tar goes to failed/. Files in published/ without a
// committed row are invisible: the database decides what exists.
//
// Runs on its own thread (tar extraction blocks); database work goes
// through the store.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "recording/metadata.h"
#include "recording/tar_extract.h"
#include "store/store.h"
#include "util/clock.h"

namespace bluemeet::gateway {

struct ImportCounters {
  std::uint64_t imported = 0;  // recordings (formats) committed
  std::uint64_t failed = 0;    // tars moved to failed/
  std::uint64_t retried = 0;   // attempts that will be retried (disk full, database down, ...)
};

class RecordingImporter {
 public:
  // owner: names this process's claims in work/ (stable across restarts).
  // public_url: where tenants reach the gateway (unused here; see the API).
  RecordingImporter(store::Store& store, std::filesystem::path root, std::string owner,
                    recording::ExtractLimits limits = {});
  ~RecordingImporter();

  // Creates the layout (spool, work, published, unpublished, failed).
  void prepare();
  // Watches the spool (inotify, and a scan every scan_interval) on a thread.
  void start(util::Millis scan_interval = 10'000);
  void stop();
  // Called (on the importer's thread) after deliveries were queued, to wake the outbox.
  void on_committed(std::function<void()> f) { on_committed_ = std::move(f); }

  // Imports every tar waiting now, on the caller's thread; for `bluemeet
  // admin recordings import --now`. progress(done, total) after each tar.
  ImportCounters import_waiting(const std::function<void(std::size_t, std::size_t)>& progress = {});
  ImportCounters counters() const;

  const std::filesystem::path& root() const { return root_; }
  // Where a recording's format lives when (un)published.
  std::filesystem::path format_dir(const std::string& format, const std::string& record_id, bool published) const;
  // After a recording's row changed: moves its formats' files to published/
  // or unpublished/, or removes them. Playback looks only where the row says,
  // so a crash between the commit and this leaves it unplayable, not wrong;
  // the next publish call puts it right.
  void place_files(const std::string& record_id, const std::vector<std::string>& formats, bool published) const;
  void remove_files(const std::string& record_id, const std::vector<std::string>& formats) const;
  // Moves tars that failed back into the spool, for another attempt; returns how many.
  std::size_t requeue_failed() const;

 private:
  enum class Outcome { done, retry, failed };
  Outcome import_tar(const std::filesystem::path& claimed);
  // Inside the import's transaction: records one format for its tenant, moves
  // its files into place, queues the recording-ready callback of a new
  // recording. Returns whether it queued one. Throws Permanent (see .cc).
  bool commit_format(store::Connection& c, const std::filesystem::path& files, recording::RecordingMeta& meta);
  std::vector<std::filesystem::path> claim_waiting();
  void loop(util::Millis scan_interval);
  void count(Outcome o);

  store::Store& store_;
  std::filesystem::path root_;
  std::filesystem::path work_;
  recording::ExtractLimits limits_;
  std::function<void()> on_committed_;
  // Tars that failed for a passing reason, and when to try them again.
  std::map<std::string, std::pair<util::Millis, int>> backoff_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  ImportCounters counters_;
  std::thread thread_;
};

}  // namespace bluemeet::gateway
