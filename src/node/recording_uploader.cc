#include "node/recording_uploader.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <spdlog/spdlog.h>
#include <vector>

#include "net/http_client.h"
#include "recording/upload_token.h"
#include "util/clock.h"
#include "util/crypto.h"

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace bluemeet::node {

namespace {

constexpr std::chrono::seconds kFirstRetry{2};
constexpr std::chrono::seconds kLongestRetry{300};
constexpr std::chrono::seconds kScan{30};  // tars an earlier run left, or that arrived unannounced

// Tars ready to go: complete ones only (write_spool_tar writes under a dot-name, then renames).
std::vector<fs::path> waiting_tars(const fs::path& outbox) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(outbox, ec)) {
    auto name = e.path().filename().string();
    if (!name.starts_with(".") && name.ends_with(".tar") && e.is_regular_file(ec)) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// The loop holds no reference to its Impl: a frame still suspended at stop()
// is destroyed with the io_context, inside ~Impl, not leaked in a cycle.
struct RecordingUploader::Impl {
  fs::path outbox;
  std::string endpoint;
  std::string secret;
  asio::io_context io{1};
  asio::steady_timer timer{io};
  net::HttpClient http{io.get_executor()};
  std::chrono::seconds retry = kFirstRetry;
  bool stopping = false;
  bool woken = false;  // a tar arrived while a pass was under way

  // One tar: true when the gateway has it.
  asio::awaitable<bool> upload(const fs::path& tar) {
    std::string digest;
    std::uintmax_t size = 0;
    try {
      digest = util::file_hex_digest(util::HashAlg::sha256, tar.string());
      size = fs::file_size(tar);
    } catch (const std::exception& e) {
      spdlog::error("recording upload: {}", e.what());
      co_return false;
    }
    net::ClientRequest req;
    req.method = net::Method::post;
    req.url = endpoint;
    req.body_file = tar.string();
    req.headers = {{"Authorization", "Bearer " + recording::sign_upload_token(secret, digest, util::now_millis() / 1000)},
                   {"Content-Type", "application/x-tar"}};
    // A minute, and as long again as the tar takes at 1 MB/s.
    req.timeout = std::chrono::milliseconds(60'000 + size / 1000);
    try {
      auto res = co_await http.fetch(std::move(req));
      if (res.status / 100 == 2) {
        spdlog::info("recording {} uploaded to the gateway ({} bytes)", tar.filename().string(), size);
        co_return true;
      }
      // 401: the gateway knows this node by another secret, or not at all; it waits here until that is put right.
      spdlog::error("recording upload of {} refused by the gateway: {} {}", tar.filename().string(), res.status,
                    res.body.substr(0, 200));
    } catch (const net::HttpClientError& e) {
      spdlog::warn("recording upload of {} failed: {}; it is kept and retried", tar.filename().string(), e.what());
    }
    co_return false;
  }

  asio::awaitable<void> loop() {
    while (!stopping) {
      woken = false;
      bool all_sent = true;
      for (const auto& tar : waiting_tars(outbox)) {
        if (stopping) co_return;
        if (co_await upload(tar)) {
          std::error_code ec;
          fs::remove(tar, ec);
        } else {
          all_sent = false;
          break;  // the gateway is away or refusing: back off rather than hammer it tar by tar
        }
      }
      if (woken) continue;
      auto wait = all_sent ? kScan : retry;
      retry = all_sent ? kFirstRetry : std::min(retry * 2, kLongestRetry);
      timer.expires_after(wait);
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
  }
};

RecordingUploader::RecordingUploader(fs::path outbox, std::string gateway_url, std::string secret)
    : impl_(std::make_shared<Impl>()) {
  impl_->outbox = std::move(outbox);
  impl_->endpoint = endpoint(gateway_url);
  impl_->secret = std::move(secret);
}

RecordingUploader::~RecordingUploader() { stop(); }

std::string RecordingUploader::endpoint(std::string_view gateway_url) {
  std::string base(gateway_url);
  while (base.ends_with('/')) base.pop_back();
  return base + "/gateway/recordings/upload";
}

void RecordingUploader::start() {
  fs::create_directories(impl_->outbox);
  asio::co_spawn(impl_->io, impl_->loop(), asio::detached);
  thread_ = std::thread([impl = impl_] { impl->io.run(); });
}

void RecordingUploader::wake() {
  asio::post(impl_->io, [impl = impl_] {
    impl->retry = kFirstRetry;
    impl->woken = true;
    impl->timer.cancel();
  });
}

void RecordingUploader::stop() {
  if (!thread_.joinable()) return;
  asio::post(impl_->io, [impl = impl_] {
    impl->stopping = true;
    impl->timer.cancel();
  });
  // An upload in flight is abandoned; its tar stays in the outbox for the next start.
  impl_->io.stop();
  thread_.join();
}

}  // namespace bluemeet::node
