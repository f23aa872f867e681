#include "net/service_runner.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <spdlog/spdlog.h>

namespace asio = boost::asio;

namespace bluemeet::net {

std::string public_url_for(const std::string& configured, const std::string& host, unsigned short port) {
  std::string url = configured;
  if (url.empty()) {
    std::string h = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
    if (h.find(':') != std::string::npos) h = "[" + h + "]";
    url = "http://" + h + ":" + std::to_string(port);
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

void spawn_logged(asio::io_context& io, asio::awaitable<void> work, std::string what) {
  asio::co_spawn(io, std::move(work), [what = std::move(what)](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("{}: {}", what, ex.what());
    }
  });
}

int run_until_signal(asio::io_context& io, asio::awaitable<void> start, const std::string& url, const std::string& what,
                     std::function<void()> stop) {
  int exit_code = 0;
  asio::co_spawn(io, std::move(start), [&](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::error("cannot start: {}", ex.what());
      }
      exit_code = 1;
      io.stop();
      return;
    }
    spdlog::info("{}", what);
    std::printf("listening on %s\n", url.c_str());
    std::fflush(stdout);
  });
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: shutting down", sig);
    stop();
    io.stop();
  });
  io.run();
  return exit_code;
}

}  // namespace bluemeet::net
