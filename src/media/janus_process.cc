#include "media/janus_process.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#include "media/janus_child.h"
#include "media/janus_client.h"
#include "media/wake_signal.h"

namespace asio = boost::asio;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace bluemeet::media {
namespace {

constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

// Written under a temporary name and renamed, created 0600: the files hold the api_secret and TURN password.
void write_private_file(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + tmp.string());
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw std::system_error(err, std::generic_category(), "cannot write " + tmp.string());
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0600);  // an older file of that name may have been wider
  ::close(fd);
  fs::rename(tmp, path);
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct JanusProcess::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::any_io_executor ex, JanusSettings s, JanusProcessOptions o)
      : executor(std::move(ex)), settings(std::move(s)), options(std::move(o)), changed(executor), backoff(executor) {}

  asio::any_io_executor executor;
  JanusSettings settings;
  JanusProcessOptions options;
  std::string executable;
  pid_t pid = 0;
  std::unique_ptr<asio::posix::stream_descriptor> pidfd;
  std::uint64_t run = 0;  // which launch is current
  unsigned launches = 0;
  bool started = false;
  bool supervising = false;
  bool stopping = false;
  bool ready = false;
  bool ever_ready = false;
  std::string kill_reason;  // why we killed the current janus, if we did
  std::optional<std::string> start_failure;
  WakeSignal changed;  // ready, exited, supervision over
  asio::steady_timer backoff;
  std::function<void()> on_ready;
  std::function<void(const std::string&)> on_exit;

  fs::path log_path() const { return settings.working_dir / "janus.log"; }

  void write_config() {
    auto files = render_janus_config(settings);
    fs::create_directories(settings.working_dir);
    for (const auto& [name, content] : files) write_private_file(settings.working_dir / name, content);
    if (!settings.recordings_dir.empty()) fs::create_directories(settings.recordings_dir);
  }

  int open_log() {
    std::error_code ec;
    if (auto size = fs::file_size(log_path(), ec); !ec && size > options.max_log_bytes)
      fs::rename(log_path(), settings.working_dir / "janus.log.1", ec);
    const int fd = ::open(log_path().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + log_path().string());
    const std::string marker = "=== " + utc_now() + " bluemeet: starting janus ===\n";
    [[maybe_unused]] auto n = ::write(fd, marker.data(), marker.size());
    return fd;
  }

  void launch() {
    const int log_fd = open_log();
    const std::vector<std::string> args{executable, "-C", (settings.working_dir / "janus.jcfg").string(), "-F",
                                        settings.working_dir.string()};
    ChildProcess child;
    try {
      child = spawn_child(executable, args, log_fd);
    } catch (...) {
      ::close(log_fd);
      throw;
    }
    ::close(log_fd);
    pid = child.pid;
    pidfd = std::make_unique<asio::posix::stream_descriptor>(executor, child.pidfd);
    kill_reason.clear();
    ++launches;
    ++run;
    spdlog::info("janus: started {} (pid {}), its log in {}", executable, pid, log_path().string());
  }

  // The last lines of janus.log, to say why a janus would not start.
  std::string log_tail() const {
    std::ifstream in(log_path(), std::ios::binary);
    if (!in) return {};
    in.seekg(0, std::ios::end);
    const auto size = static_cast<long long>(in.tellg());
    const long long from = size > 2048 ? size - 2048 : 0;
    in.seekg(from);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (from > 0) text.erase(0, text.find('\n') + 1);
    return text;
  }

  static asio::awaitable<bool> probe(std::shared_ptr<Impl> self) {
    JanusClientOptions o;
    o.url = janus_ws_url(self->settings);
    o.api_secret = self->settings.api_secret;
    o.connect_timeout = milliseconds(1000);
    o.request_timeout = milliseconds(2000);
    auto client = JanusClient::create(self->executor, o);
    try {
      co_await client->connect();
      co_await client->info();
    } catch (const JanusError& e) {
      spdlog::debug("janus: not ready yet: {}", e.what());
      co_return false;
    }
    co_return true;
  }

  static asio::awaitable<void> watch_ready(std::shared_ptr<Impl> self, std::uint64_t run) {
    const auto deadline = Clock::now() + self->options.ready_timeout;
    milliseconds interval{50};
    asio::steady_timer timer(self->executor);
    while (self->run == run && self->pid && !self->stopping) {
      const bool answered = co_await probe(self);
      if (self->run != run || !self->pid || self->stopping) co_return;
      if (answered) {
        self->ready = self->ever_ready = true;
        spdlog::info("janus: ready on {} (pid {})", janus_ws_url(self->settings), self->pid);
        if (auto cb = self->on_ready) cb();
        self->changed.notify_all();
        co_return;
      }
      if (Clock::now() >= deadline) {
        self->kill_reason = "not ready after " + std::to_string(self->options.ready_timeout.count()) + " ms";
        spdlog::error("janus: {}, killing it (pid {})", self->kill_reason, self->pid);
        ::kill(self->pid, SIGKILL);
        co_return;
      }
      timer.expires_after(interval);
      co_await timer.async_wait(kUse);
      interval = std::min(interval * 2, milliseconds(500));
    }
  }

  static asio::awaitable<void> supervise(std::shared_ptr<Impl> self) {
    auto delay = self->options.restart_delay_min;
    while (!self->stopping) {
      const auto launched_at = Clock::now();
      bool running = false;
      try {
        self->launch();
        running = true;
      } catch (const std::exception& e) {
        spdlog::error("janus: cannot start: {}", e.what());
        if (!self->ever_ready) self->start_failure = std::string("cannot start janus: ") + e.what();
      }
      if (running) {
        asio::co_spawn(self->executor, watch_ready(self, self->run), asio::detached);
        auto [ec] = co_await self->pidfd->async_wait(asio::posix::descriptor_base::wait_read, kUse);
        (void)ec;  // cancelled only by the destructor, which reaps janus itself
        std::string how = "exited";
        if (self->pid) {
          auto status = try_reap(self->pid);
          while (!status) {  // readable pidfd means it has exited; the zombie is ours to reap
            ::usleep(1000);
            status = try_reap(self->pid);
          }
          how = describe_wait_status(*status);
        }
        if (!self->kill_reason.empty()) how += " (" + self->kill_reason + ")";
        self->pid = 0;
        self->pidfd.reset();
        self->ready = false;
        if (self->stopping) spdlog::info("janus: {}", how);
        else spdlog::warn("janus: {}", how);
        if (auto cb = self->on_exit) cb(how);
        if (!self->ever_ready && !self->stopping)
          self->start_failure = "janus " + how + " before it was ready; the end of " + self->log_path().string() +
                                ":\n" + self->log_tail();
      }
      self->changed.notify_all();
      if (self->stopping || self->start_failure) break;
      if (Clock::now() - launched_at >= self->options.stable_after) delay = self->options.restart_delay_min;
      spdlog::warn("janus: restarting in {} ms", delay.count());
      self->backoff.expires_after(delay);
      co_await self->backoff.async_wait(kUse);
      delay = std::min(delay * 2, self->options.restart_delay_max);
    }
    self->supervising = false;
    self->changed.notify_all();
  }
};

JanusProcess::JanusProcess(asio::any_io_executor executor, JanusSettings settings, JanusProcessOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(settings), std::move(options))) {}

JanusProcess::~JanusProcess() {
  auto& s = *impl_;
  s.stopping = true;
  s.backoff.cancel();
  if (s.pid > 0) {
    ::kill(s.pid, SIGKILL);
    ::waitpid(s.pid, nullptr, 0);  // prompt after SIGKILL
    s.pid = 0;
  }
  if (s.pidfd) {
    boost::system::error_code ec;
    s.pidfd->cancel(ec);
  }
}

asio::awaitable<void> JanusProcess::start() {
  auto self = impl_;
  if (self->started) throw JanusStartError("janus: start() called twice");
  self->started = true;
  auto executable = find_executable(self->options.executable);
  if (!executable)
    throw JanusStartError("cannot find the janus executable '" + self->options.executable +
                          "' (Debian: apt-get install janus)");
  self->executable = *executable;
  try {
    self->write_config();
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::exception& e) {
    throw JanusStartError(std::string("cannot write janus's configuration: ") + e.what());
  }
  self->supervising = true;
  asio::co_spawn(self->executor, Impl::supervise(self), asio::detached);
  while (!self->ready && !self->start_failure && self->supervising)
    co_await self->changed.wait(self->options.ready_timeout);
  if (self->ready) co_return;
  auto failure = self->start_failure.value_or("janus stopped while starting");
  co_await stop();
  throw JanusStartError(failure);
}

asio::awaitable<void> JanusProcess::stop() {
  auto self = impl_;
  self->stopping = true;
  self->backoff.cancel();
  if (!self->supervising) co_return;
  if (self->pid) {
    spdlog::info("janus: stopping (pid {})", self->pid);
    ::kill(self->pid, SIGTERM);
  }
  const auto deadline = Clock::now() + self->options.stop_grace;
  while (self->supervising && Clock::now() < deadline) co_await self->changed.wait(deadline - Clock::now());
  if (self->supervising && self->pid) {
    spdlog::warn("janus: still running {} ms after SIGTERM, killing it (pid {})", self->options.stop_grace.count(),
                 self->pid);
    ::kill(self->pid, SIGKILL);
  }
  while (self->supervising) co_await self->changed.wait(std::chrono::seconds(1));
}

void JanusProcess::on_ready(std::function<void()> callback) { impl_->on_ready = std::move(callback); }

void JanusProcess::on_exit(std::function<void(const std::string&)> callback) { impl_->on_exit = std::move(callback); }

std::string JanusProcess::url() const { return janus_ws_url(impl_->settings); }
pid_t JanusProcess::pid() const { return impl_->pid; }
bool JanusProcess::ready() const { return impl_->ready; }
unsigned JanusProcess::launches() const { return impl_->launches; }
std::filesystem::path JanusProcess::log_path() const { return impl_->log_path(); }

}  // namespace bluemeet::media
