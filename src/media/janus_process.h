// A Janus started and supervised by the node: the configuration written to a
// working directory, `janus -C <dir>/janus.jcfg -F <dir>` with its output in
// <dir>/janus.log, restarted when it exits (after 1 s, doubling up to 30 s;
// back to 1 s after a run of a minute), stopped with SIGTERM and then SIGKILL
// after a grace period, and never left behind (the child dies with the node).
//
// Readiness: the WebSocket API answers {"janus":"info"}. A launched janus
// that is not ready within ready_timeout is killed and restarted.
//
// Threading: all calls and callbacks on the executor given to the
// constructor, which must be single-threaded; the thread running it spawns
// janus, and janus is killed if that thread ends (PR_SET_PDEATHSIG), so run
// the io_context on a thread that lives as long as the node.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/types.h>

#include "media/janus_config.h"

namespace bluemeet::media {

struct JanusProcessOptions {
  std::string executable = "janus";  // a path, or a name looked up in $PATH
  std::chrono::milliseconds ready_timeout{15000};
  std::chrono::milliseconds stop_grace{5000};  // after SIGTERM, before SIGKILL
  std::chrono::milliseconds restart_delay_min{1000};
  std::chrono::milliseconds restart_delay_max{30000};
  std::chrono::milliseconds stable_after{60000};  // a run this long resets the delay
  std::uintmax_t max_log_bytes = 16 * 1024 * 1024;  // janus.log is rotated to janus.log.1 at a launch past this
};

// start() failed: no executable, an unwritable working directory, or a first
// janus that exited or was not ready in time (the message quotes its log).
class JanusStartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JanusProcess {
 public:
  JanusProcess(boost::asio::any_io_executor executor, JanusSettings settings, JanusProcessOptions options = {});
  // Kills a janus still running (SIGKILL) and reaps it; prefer co_await stop().
  ~JanusProcess();
  JanusProcess(const JanusProcess&) = delete;
  JanusProcess& operator=(const JanusProcess&) = delete;

  // Writes the configuration (mode 0600: it holds secrets), launches janus
  // and returns once it is ready; from then on it is supervised until stop().
  // Throws JanusStartError (after stopping what it started) or std::invalid_argument
  // for unusable settings. Call once.
  boost::asio::awaitable<void> start();
  // SIGTERM, SIGKILL after stop_grace, no more restarts. Idempotent.
  boost::asio::awaitable<void> stop();

  // Each time a launched janus becomes ready (the first time and after every restart).
  void on_ready(std::function<void()> callback);
  // Each time janus exits, with a description such as "killed by signal 9 (Killed)".
  void on_exit(std::function<void(const std::string& how)> callback);

  std::string url() const;  // ws://127.0.0.1:<port>/
  pid_t pid() const;        // 0 when not running
  bool ready() const;
  unsigned launches() const;  // how many times janus was started
  std::filesystem::path log_path() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace bluemeet::media
