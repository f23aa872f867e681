// What every BlueMeet server process does around its own logic: work out the
// public URL of its listener, start its service, say "listening on URL" on
// stdout once it serves (scripts and tests wait for that line), stop on
// SIGINT/SIGTERM, and run background coroutines whose failures are logged.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <string>

namespace bluemeet::net {

// "http://<host>:<port>" for a bound listener (a wildcard host becomes loopback),
// or `configured` without trailing slashes when one was given.
std::string public_url_for(const std::string& configured, const std::string& host, unsigned short port);

// Runs io until a signal or a failed start: spawns start(), then prints
// "listening on <url>" and logs `what`; on SIGINT/SIGTERM calls stop() and
// ends. Returns the process exit code (1 when start() threw).
int run_until_signal(boost::asio::io_context& io, boost::asio::awaitable<void> start, const std::string& url,
                     const std::string& what, std::function<void()> stop);

// Runs a coroutine in the background; if it fails, the failure is logged as
// "<what>: <error>", never lost silently.
void spawn_logged(boost::asio::io_context& io, boost::asio::awaitable<void> work, std::string what);

}  // namespace bluemeet::net
