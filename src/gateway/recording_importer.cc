#include "gateway/recording_importer.h"

#include <boost/json/object.hpp>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sstream>
#include <sys/inotify.h>
#include <unistd.h>

#include "bbb/jwt.h"
#include "bbb/query.h"
#include "delivery/outbox.h"
#include "gateway/domain/backend_call.h"
#include "gateway/store/meetings.h"
#include "gateway/store/recordings.h"
#include "gateway/store/tenants.h"
#include "recording/metadata.h"

namespace fs = std::filesystem;

namespace bluemeet::gateway {
namespace {

constexpr std::size_t kMaxMetadataBytes = 4 << 20;
constexpr const char* kReadyUrls[] = {"bbb-recording-ready-url", "bn-recording-ready-url", "canvas-recording-ready-url"};

// An import that can never succeed as it is: the tar goes to failed/.
struct Permanent : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string sanitize(std::string_view owner) {
  std::string out;
  for (char c : owner) out.push_back(recording::safe_path_component(std::string(1, c)) && c != '.' ? c : '_');
  return out.empty() ? "gateway" : out;
}

// Puts `files` at `target` so that a reader never finds the target missing:
// a re-import swaps the directories in one step (RENAME_EXCHANGE), and only
// where the filesystem cannot (NFS before 4.x servers) is there the short gap
// of two renames. The earlier copy is removed afterwards.
void replace_directory(const fs::path& files, const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) return fs::rename(files, target);  // throws: the caller's transaction rolls back
  if (::renameat2(AT_FDCWD, files.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(files, ec);  // now the earlier copy
    return;
  }
  auto old = target.parent_path() / ("." + target.filename().string() + ".replaced");
  fs::remove_all(old, ec);
  fs::rename(target, old);
  fs::rename(files, target);
  fs::remove_all(old, ec);
}

std::optional<std::string> read_small(const fs::path& p) {
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec || size > kMaxMetadataBytes) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_ready_url(std::string_view key) {
  for (const char* k : kReadyUrls)
    if (key == k) return true;
  return false;
}

// A path that does not exist yet: `p`, or p.1, p.2, ...
fs::path unused(const fs::path& p) {
  if (!fs::exists(p)) return p;
  for (int i = 1;; ++i) {
    fs::path q = p.string() + "." + std::to_string(i);
    if (!fs::exists(q)) return q;
  }
}

}  // namespace

RecordingImporter::RecordingImporter(store::Store& store, fs::path root, std::string owner,
                                     recording::ExtractLimits limits)
    : store_(store), root_(std::move(root)), work_(root_ / "work" / sanitize(owner)), limits_(limits) {}

RecordingImporter::~RecordingImporter() { stop(); }

void RecordingImporter::prepare() {
  for (const char* d : {"spool", "published", "unpublished", "failed"}) fs::create_directories(root_ / d);
  fs::create_directories(work_);
}

fs::path RecordingImporter::format_dir(const std::string& format, const std::string& record_id, bool published) const {
  return root_ / (published ? "published" : "unpublished") / format / record_id;
}

void RecordingImporter::place_files(const std::string& record_id, const std::vector<std::string>& formats,
                                    bool published) const {
  for (const auto& f : formats) {
    std::error_code ec;
    auto to = format_dir(f, record_id, published);
    fs::create_directories(to.parent_path(), ec);
    fs::rename(format_dir(f, record_id, !published), to, ec);
  }
}

void RecordingImporter::remove_files(const std::string& record_id, const std::vector<std::string>& formats) const {
  for (const auto& f : formats)
    for (bool p : {true, false}) {
      std::error_code ec;
      fs::remove_all(format_dir(f, record_id, p), ec);
    }
}

std::size_t RecordingImporter::requeue_failed() const {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_ / "failed", ec)) {
    auto name = e.path().filename().string();
    if (!e.is_regular_file()) continue;
    auto base = name.substr(0, name.find(".tar") == std::string::npos ? name.size() : name.find(".tar")) + ".tar";
    if (::rename(e.path().c_str(), unused(root_ / "spool" / base).c_str()) == 0) ++n;
  }
  return n;
}

ImportCounters RecordingImporter::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void RecordingImporter::count(Outcome o) {
  std::lock_guard lock(mutex_);
  if (o == Outcome::failed) ++counters_.failed;
  if (o == Outcome::retry) ++counters_.retried;
}

std::vector<fs::path> RecordingImporter::claim_waiting() {
  std::vector<fs::path> out;
  std::error_code ec;
  // Claimed before a crash or a failed attempt: resume them first.
  for (const auto& e : fs::directory_iterator(work_, ec))
    if (e.is_regular_file() && e.path().extension() == ".tar") out.push_back(e.path());
  for (const auto& e : fs::directory_iterator(root_ / "spool", ec)) {
    const auto name = e.path().filename().string();
    // Writers use a temporary name (a leading dot, or no .tar) until the tar is complete.
    if (!e.is_regular_file() || name.starts_with('.') || e.path().extension() != ".tar") continue;
    auto target = unused(work_ / name);
    if (::rename(e.path().c_str(), target.c_str()) == 0) out.push_back(target);  // else: another gateway took it
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool RecordingImporter::commit_format(store::Connection& c, const fs::path& files, recording::RecordingMeta& meta) {
  // The tenant whose meeting made it: by the meeting the gateway placed,
  // or (that row purged) by the tenant named in the backend ID.
  std::int64_t tenant_id = 0;
  std::string meeting_id;
  db::Callbacks callbacks;
  if (auto row = db::find_latest_meeting(c, meta.meeting_id)) {
    tenant_id = row->tenant_id;
    meeting_id = row->meeting_id;
    callbacks = db::decode_callbacks(row->callbacks);
  } else {
    auto tilde = meta.meeting_id.find('~');
    auto tenant = tilde == std::string::npos ? std::nullopt : db::get_tenant(c, meta.meeting_id.substr(0, tilde));
    if (!tenant) throw Permanent("meeting " + meta.meeting_id + " belongs to no tenant");
    tenant_id = tenant->id;
    meeting_id = meta.meeting_id.substr(tilde + 1);
  }
  auto tenant = db::get_tenant_by_id(c, tenant_id);
  if (!tenant) throw Permanent("the tenant of meeting " + meta.meeting_id + " was removed");
  // The tenant sees its own meeting ID and callback URLs; the ready URL is the gateway's to call.
  meta.meeting_id = meeting_id;
  std::vector<std::pair<std::string, std::string>> kept;
  for (auto& [k, v] : meta.meta) {
    if (is_ready_url(k)) continue;
    if (auto it = callbacks.find(k); it != callbacks.end() && is_intercepted_callback(k)) v = it->second;
    kept.emplace_back(k, v);
  }
  meta.meta = std::move(kept);
  auto [published, created] = db::save_imported_format(c, tenant_id, meta, util::now_millis());

  // Files: the new copy replaces any earlier one in place; a copy in the
  // other state (published or not) goes.
  std::error_code fec;
  fs::remove_all(format_dir(meta.playback.format, meta.record_id, !published), fec);
  auto target = format_dir(meta.playback.format, meta.record_id, published);
  fs::create_directories(target.parent_path());
  replace_directory(files, target);  // throws: the transaction rolls back, the tar stays for a retry
  recording::fsync_directory(target.parent_path());

  bool ready = false;
  if (created) {
    for (const char* k : kReadyUrls) {
      auto it = callbacks.find(k);
      if (it == callbacks.end() || tenant->secrets.empty()) continue;
      boost::json::object claims{{"meeting_id", meeting_id}, {"record_id", meta.record_id}};
      delivery::Delivery d{"recording-ready",
                           net::Method::post,
                           it->second,
                           {{"Content-Type", "application/x-www-form-urlencoded"}},
                           "signed_parameters=" +
                               bbb::form_encode(bbb::jwt_sign(claims, tenant->secrets.back(), bbb::JwtAlg::HS256))};
      delivery::insert_delivery(c, d, util::now_millis());
      ready = true;
      break;
    }
  }
  spdlog::info("recording {} ({}) imported for {}, {}", meta.record_id, meta.playback.format, tenant->name,
               published ? "published" : "unpublished");
  return ready;
}

RecordingImporter::Outcome RecordingImporter::import_tar(const fs::path& tar) {
  auto now = util::now_millis();
  const auto key = tar.filename().string();
  if (auto b = backoff_.find(key); b != backoff_.end() && b->second.first > now) return Outcome::retry;
  auto retry = [&](const std::string& why) {
    int attempts = backoff_[key].second + 1;
    util::Millis delay = std::min<util::Millis>(600'000, 2'000LL << std::min(attempts - 1, 9));
    backoff_[key] = {now + delay, attempts};
    spdlog::warn("recording {}: {}; trying again in {} s", key, why, delay / 1000);
    count(Outcome::retry);
    return Outcome::retry;
  };
  auto fail = [&](const std::string& why) {
    std::error_code ec;
    auto target = unused(root_ / "failed" / key);
    fs::rename(tar, target, ec);
    spdlog::error("recording {} cannot be imported: {}; the tar is kept in {}", key, why, target.string());
    backoff_.erase(key);
    count(Outcome::failed);
    return Outcome::failed;
  };

  fs::path dir = tar.string() + ".d";
  std::error_code ec;
  fs::remove_all(dir, ec);
  auto extracted = recording::extract_tar(tar, dir, limits_);
  if (extracted.error != recording::ExtractError::none) {
    fs::remove_all(dir, ec);
    if (extracted.error == recording::ExtractError::corrupt || extracted.error == recording::ExtractError::hostile)
      return fail(extracted.message);
    return retry(extracted.message);
  }

  // Each <format>/<recordID>/metadata.xml is one format of one recording.
  std::vector<std::pair<fs::path, recording::RecordingMeta>> formats;
  for (const auto& f : fs::directory_iterator(dir, ec)) {
    if (!f.is_directory()) continue;
    for (const auto& r : fs::directory_iterator(f.path(), ec)) {
      auto text = read_small(r.path() / "metadata.xml");
      if (!text) continue;
      std::string why;
      auto m = recording::parse_metadata_xml(*text, &why);
      if (!m) return fs::remove_all(dir, ec), fail(why);
      if (m->playback.format != f.path().filename().string() || m->record_id != r.path().filename().string())
        return fs::remove_all(dir, ec), fail("metadata.xml does not match its directory " + r.path().string());
      formats.emplace_back(r.path(), std::move(*m));
    }
  }
  if (formats.empty()) return fs::remove_all(dir, ec), fail("no <format>/<recordID>/metadata.xml in the tar");

  // All formats of the tar in one transaction: the recording appears whole or not at all.
  bool queued = false;
  try {
    queued = store_.run_sync([&](store::Connection& c) {
      store::Transaction t(c);
      bool ready = false;
      for (auto& [files, meta] : formats) ready |= commit_format(c, files, meta);
      t.commit();
      return ready;
    });
    std::lock_guard lock(mutex_);
    counters_.imported += formats.size();
  } catch (const Permanent& e) {
    fs::remove_all(dir, ec);
    return fail(e.what());
  } catch (const std::exception& e) {
    fs::remove_all(dir, ec);
    return retry(e.what());
  }
  if (queued && on_committed_) on_committed_();
  // Only now, with every format committed, does the tar go.
  fs::remove_all(dir, ec);
  fs::remove(tar, ec);
  backoff_.erase(key);
  return Outcome::done;
}

ImportCounters RecordingImporter::import_waiting(const std::function<void(std::size_t, std::size_t)>& progress) {
  auto before = counters();
  auto tars = claim_waiting();
  std::size_t done = 0;
  for (const auto& t : tars) {
    import_tar(t);
    if (progress) progress(++done, tars.size());
  }
  auto after = counters();
  return {after.imported - before.imported, after.failed - before.failed, after.retried - before.retried};
}

void RecordingImporter::start(util::Millis scan_interval) {
  thread_ = std::thread([this, scan_interval] { loop(scan_interval); });
}

void RecordingImporter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RecordingImporter::loop(util::Millis scan_interval) {
  // inotify tells when a tar is renamed into the spool; the periodic scan
  // covers NFS (where other hosts' writes raise no events) and retries.
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd >= 0 && ::inotify_add_watch(fd, (root_ / "spool").c_str(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
    ::close(fd);
    fd = -1;
  }
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    try {
      for (const auto& t : claim_waiting()) {
        {
          std::lock_guard lock(mutex_);
          if (stopping_) break;
        }
        import_tar(t);
      }
    } catch (const std::exception& e) {
      spdlog::error("recording import: {}", e.what());
    }
    // Wait for an event, the next scan, or stop (checked at least every 200 ms).
    for (util::Millis waited = 0; waited < scan_interval; waited += 200) {
      {
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, std::chrono::milliseconds(fd >= 0 ? 0 : 200), [&] { return stopping_; })) break;
      }
      if (fd < 0) continue;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 200) > 0) {
        char buf[4096];
        while (::read(fd, buf, sizeof buf) > 0) {
        }
        break;
      }
    }
  }
  if (fd >= 0) ::close(fd);
}

}  // namespace bluemeet::gateway
