// A real Janus, started through JanusProcess on a free loopback port in a
// temporary directory, driven through JanusClient. Skipped when the janus
// binary is not installed; every test is bounded by run_for().
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <sys/stat.h>

#include "media/janus_child.h"
#include "media/janus_client.h"
#include "media/janus_process.h"
#include "media/janus_rooms.h"

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace bluemeet::media {
namespace {

unsigned short free_loopback_port() {
  asio::io_context io;
  asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "bluemeet-janus-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Throws instead of ASSERT_*, which cannot return from a coroutine.
void require(bool condition, const std::string& what) {
  if (!condition) throw std::runtime_error("requirement failed: " + what);
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

// Polls until condition() or the timeout; returns condition().
asio::awaitable<bool> eventually(std::function<bool()> condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition() && std::chrono::steady_clock::now() < deadline) co_await sleep_for(50ms);
  co_return condition();
}

// Runs test on a fresh io_context for at most limit; fails the test on an exception or overrun.
void run_bounded(std::function<asio::awaitable<void>(asio::io_context&)> test, std::chrono::seconds limit) {
  asio::io_context io;
  bool finished = false;
  asio::co_spawn(io, test(io), [&](std::exception_ptr e) {
    finished = true;
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        ADD_FAILURE() << ex.what();
      }
    }
    io.stop();
  });
  io.run_for(limit);
  EXPECT_TRUE(finished) << "did not finish within " << limit.count() << " s";
}

JanusSettings live_settings(const fs::path& dir) {
  JanusSettings s;
  s.working_dir = dir / "janus";
  s.ws_port = free_loopback_port();
  s.api_secret = "t3st\"secret\\with quotes";  // also proves the config's escaping reaches Janus intact
  s.rtp_port_min = 40000;
  s.rtp_port_max = 40099;
  s.plain_rtp_port_min = 40100;
  s.plain_rtp_port_max = 40199;
  s.recordings_dir = dir / "recordings";
  return s;
}

bool janus_installed() { return find_executable("janus").has_value(); }

TEST(JanusProcessStart, AMissingExecutableIsReported) {
  TempDir dir;
  run_bounded(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        JanusProcessOptions o;
        o.executable = "bluemeet-no-such-janus";
        JanusProcess process(io.get_executor(), live_settings(dir.path), o);
        bool refused = false;
        try {
          co_await process.start();
        } catch (const JanusStartError& e) {
          refused = std::string(e.what()).find("bluemeet-no-such-janus") != std::string::npos;
        }
        EXPECT_TRUE(refused);
      },
      10s);
}

TEST(JanusProcessStart, AJanusThatExitsAtOnceFailsTheStartWithItsLog) {
  TempDir dir;
  run_bounded(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        JanusProcessOptions o;
        o.executable = "/bin/false";
        JanusProcess process(io.get_executor(), live_settings(dir.path), o);
        std::string message;
        try {
          co_await process.start();
        } catch (const JanusStartError& e) {
          message = e.what();
        }
        EXPECT_NE(message.find("exited with status 1"), std::string::npos) << message;
        EXPECT_NE(message.find("bluemeet: starting janus"), std::string::npos) << message;
        EXPECT_EQ(process.pid(), 0);
        EXPECT_EQ(process.launches(), 1u);
      },
      10s);
}

TEST(JanusLive, RoomsSessionsAndRecoveryFromACrash) {
  if (!janus_installed()) GTEST_SKIP() << "janus is not installed (apt-get install janus): live Janus test skipped";
  TempDir dir;
  const auto settings = live_settings(dir.path);
  // GCC 12: no temporary owning resources (std::function, std::string) inside a
  // co_await expression, so handlers, conditions and secrets are named first.
  run_bounded(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        auto ex = io.get_executor();
        JanusProcess process(ex, settings);
        unsigned ready_count = 0;
        std::string exit_how;
        process.on_ready([&] { ++ready_count; });
        process.on_exit([&](const std::string& how) { exit_how = how; });
        co_await process.start();
        require(process.ready() && process.pid() > 0, "janus is ready");
        EXPECT_EQ(process.launches(), 1u);
        EXPECT_EQ(ready_count, 1u);
        struct stat st{};
        require(::stat((settings.working_dir / "janus.jcfg").c_str(), &st) == 0, "janus.jcfg written");
        EXPECT_EQ(st.st_mode & 0777, 0600u);

        JanusClientOptions co;
        co.url = process.url();
        co.api_secret = settings.api_secret;
        auto client = JanusClient::create(ex, co);
        std::vector<std::string> losses;
        client->on_lost([&](const std::string& reason) { losses.push_back(reason); });
        co_await client->connect();

        auto info = co_await client->info();
        EXPECT_EQ(info.at("janus").as_string(), "server_info");
        const auto& plugins = info.at("plugins").as_object();
        EXPECT_TRUE(plugins.contains(kAudioBridgePlugin));
        EXPECT_TRUE(plugins.contains(kVideoRoomPlugin));
        EXPECT_EQ(plugins.size(), 2u) << json::serialize(plugins);
        const auto& transports = info.at("transports").as_object();
        EXPECT_EQ(transports.size(), 1u) << json::serialize(transports);
        EXPECT_TRUE(transports.contains("janus.transport.websockets"));

        // Without the api_secret, Janus refuses.
        auto wrong_options = co;
        wrong_options.api_secret = "wrong";
        auto intruder = JanusClient::create(ex, wrong_options);
        co_await intruder->connect();
        int refused_code = 0;
        try {
          co_await intruder->create_session();
        } catch (const JanusError& e) {
          refused_code = e.kind() == JanusError::Kind::janus ? e.code() : -1;
        }
        EXPECT_EQ(refused_code, 403);
        intruder->close();

        const JanusEventHandler ignore = [](const JanusEvent&) {};
        auto session = co_await client->create_session();
        auto audio = co_await session->attach(kAudioBridgePlugin, ignore);
        auto video = co_await session->attach(kVideoRoomPlugin, ignore);
        EXPECT_NE(audio->id(), video->id());

        AudioRoomOptions audio_room;
        audio_room.room = 1234;
        audio_room.secret = "room-secret";
        audio_room.record_dir = settings.recordings_dir;
        bool created = co_await create_audio_room(*audio, audio_room);
        EXPECT_TRUE(created);
        created = co_await create_audio_room(*audio, audio_room);
        EXPECT_FALSE(created) << "already there";
        VideoRoomOptions video_room;
        video_room.room = 5678;
        video_room.secret = "room-secret";
        video_room.publishers = 10;
        created = co_await create_video_room(*video, video_room);
        EXPECT_TRUE(created);
        created = co_await create_video_room(*video, video_room);
        EXPECT_FALSE(created);

        auto audio_rooms = co_await list_rooms(*audio);
        EXPECT_NE(std::find(audio_rooms.begin(), audio_rooms.end(), 1234u), audio_rooms.end());
        auto video_rooms = co_await list_rooms(*video);
        EXPECT_NE(std::find(video_rooms.begin(), video_rooms.end(), 5678u), video_rooms.end());
        bool exists = co_await room_exists(*audio, 1234);
        EXPECT_TRUE(exists);
        exists = co_await room_exists(*video, 5678);
        EXPECT_TRUE(exists);
        exists = co_await room_exists(*video, 1234);
        EXPECT_FALSE(exists);

        // An asynchronous request: "join" is acked, then answered by an event.
        auto listener = co_await session->attach(kAudioBridgePlugin, ignore);
        json::object join{{"request", "join"}, {"room", 1234}, {"display", "probe"}};
        auto joined = co_await listener->message(std::move(join));
        EXPECT_EQ(joined.data.at("audiobridge").as_string(), "joined");
        // A later participant: an earlier one's handle hears of it without asking.
        std::vector<JanusEvent> listener_events;
        const JanusEventHandler record = [&](const JanusEvent& e) { listener_events.push_back(e); };
        auto first = co_await session->attach(kAudioBridgePlugin, record);
        json::object join_first{{"request", "join"}, {"room", 1234}, {"display", "first"}};
        co_await first->message(std::move(join_first));
        auto second = co_await session->attach(kAudioBridgePlugin, ignore);
        json::object join_second{{"request", "join"}, {"room", 1234}, {"display", "second"}};
        co_await second->message(std::move(join_second));
        const std::function<bool()> heard = [&] { return !listener_events.empty(); };
        bool got_event = co_await eventually(heard, 3000ms);
        EXPECT_TRUE(got_event) << "no unsolicited event";
        if (got_event) {
          EXPECT_EQ(listener_events.front().type, "event");
        }

        // A plugin error: the room's secret is required to destroy it.
        const std::string wrong_secret = "not-the-secret";
        int wrong_secret_kind = 0;
        try {
          co_await destroy_room(*audio, 1234, wrong_secret);
        } catch (const JanusError& e) {
          wrong_secret_kind = e.kind() == JanusError::Kind::plugin ? 1 : 2;
        }
        EXPECT_EQ(wrong_secret_kind, 1);

        const std::string secret = "room-secret";
        bool destroyed = co_await destroy_room(*audio, 1234, secret);
        EXPECT_TRUE(destroyed);
        destroyed = co_await destroy_room(*audio, 1234, secret);
        EXPECT_FALSE(destroyed) << "destroy is idempotent";
        exists = co_await room_exists(*audio, 1234);
        EXPECT_FALSE(exists);
        destroyed = co_await destroy_room(*video, 5678, secret);
        EXPECT_TRUE(destroyed);
        destroyed = co_await destroy_room(*video, 5678, secret);
        EXPECT_FALSE(destroyed);
        co_await second->detach();
        co_await first->detach();

        // A crash: janus is restarted, the client reports the loss and connects again.
        const pid_t crashed = process.pid();
        require(::kill(crashed, SIGKILL) == 0, "SIGKILL janus");
        const std::function<bool()> lost = [&] { return !losses.empty(); };
        require(co_await eventually(lost, 5000ms), "the client reports the loss");
        EXPECT_FALSE(client->connected());
        int dead_kind = 0;
        try {
          co_await list_rooms(*audio);
        } catch (const JanusError& e) {
          dead_kind = e.kind() == JanusError::Kind::connection ? 1 : 2;
        }
        EXPECT_EQ(dead_kind, 1);
        const std::function<bool()> restarted = [&] { return process.ready() && process.pid() != crashed; };
        require(co_await eventually(restarted, 20000ms), "janus restarted and ready");
        EXPECT_NE(exit_how.find("signal 9"), std::string::npos) << exit_how;
        EXPECT_EQ(process.launches(), 2u);
        EXPECT_EQ(ready_count, 2u);

        co_await client->connect();
        auto again = co_await client->create_session();
        auto audio_again = co_await again->attach(kAudioBridgePlugin, ignore);
        created = co_await create_audio_room(*audio_again, audio_room);
        EXPECT_TRUE(created) << "a new Janus has no rooms";
        co_await again->destroy();

        const pid_t last = process.pid();
        co_await process.stop();
        EXPECT_EQ(process.pid(), 0);
        EXPECT_NE(::kill(last, 0), 0) << "janus still running after stop()";
        EXPECT_EQ(losses.size(), 2u) << "the stop ends the second connection too";
      },
      90s);
}

TEST(JanusLive, APendingRequestFailsPromptlyWhenJanusDies) {
  if (!janus_installed()) GTEST_SKIP() << "janus is not installed (apt-get install janus): live Janus test skipped";
  TempDir dir;
  const auto settings = live_settings(dir.path);
  run_bounded(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        auto ex = io.get_executor();
        JanusProcess process(ex, settings);
        co_await process.start();
        JanusClientOptions co;
        co.url = process.url();
        co.api_secret = settings.api_secret;
        co.request_timeout = 30000ms;
        auto client = JanusClient::create(ex, co);
        co_await client->connect();
        auto session = co_await client->create_session();
        // SIGSTOP: Janus cannot answer, so the request stays pending until the kill.
        const pid_t pid = process.pid();
        require(::kill(pid, SIGSTOP) == 0, "SIGSTOP janus");
        const auto asked = std::chrono::steady_clock::now();
        asio::steady_timer killer(ex, 300ms);
        killer.async_wait([pid](boost::system::error_code) { ::kill(pid, SIGKILL); });
        const JanusEventHandler ignore = [](const JanusEvent&) {};
        int kind = 0;
        try {
          co_await session->attach(kVideoRoomPlugin, ignore);
        } catch (const JanusError& e) {
          kind = e.kind() == JanusError::Kind::connection ? 1 : 2;
        }
        EXPECT_EQ(kind, 1);
        EXPECT_LT(std::chrono::steady_clock::now() - asked, 5s);
        co_await process.stop();
      },
      60s);
}

TEST(JanusLive, AnIdleConnectionAndItsSessionStayUp) {
  if (!janus_installed()) GTEST_SKIP() << "janus is not installed (apt-get install janus): live Janus test skipped";
  TempDir dir;
  const auto settings = live_settings(dir.path);
  run_bounded(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        auto ex = io.get_executor();
        JanusProcess process(ex, settings);
        co_await process.start();
        JanusClientOptions co;
        co.url = process.url();
        co.api_secret = settings.api_secret;
        co.idle_timeout = 1000ms;  // pings every 500 ms, which Janus must answer
        co.keepalive_interval = 300ms;
        co.request_timeout = 1000ms;
        auto client = JanusClient::create(ex, co);
        bool lost = false;
        client->on_lost([&](const std::string&) { lost = true; });
        co_await client->connect();
        auto session = co_await client->create_session();
        co_await sleep_for(3500ms);
        EXPECT_FALSE(lost);
        EXPECT_TRUE(client->connected());
        const JanusEventHandler ignore = [](const JanusEvent&) {};
        auto handle = co_await session->attach(kVideoRoomPlugin, ignore);
        EXPECT_GT(handle->id(), 0u);
        co_await session->destroy();
        co_await process.stop();
      },
      30s);
}

}  // namespace
}  // namespace bluemeet::media
