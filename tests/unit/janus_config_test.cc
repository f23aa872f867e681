#include <gtest/gtest.h>

#include <stdexcept>

#include "media/janus_config.h"

namespace bluemeet::media {
namespace {

JanusSettings settings() {
  JanusSettings s;
  s.working_dir = "/var/lib/bluemeet/janus";
  s.api_secret = "topsecret";
  s.ws_port = 18188;
  return s;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(JanusConfig, RendersTheFilesJanusReadsFromItsConfigFolder) {
  auto files = render_janus_config(settings());
  EXPECT_EQ(files.size(), 5u);
  for (const char* name : {"janus.jcfg", "janus.transport.websockets.jcfg", "janus.transport.http.jcfg",
                           "janus.plugin.audiobridge.jcfg", "janus.plugin.videoroom.jcfg"})
    EXPECT_TRUE(files.contains(name)) << name;
  EXPECT_TRUE(has(files["janus.jcfg"], "configs_folder = \"/var/lib/bluemeet/janus\""));
}

TEST(JanusConfig, TheApiIsOnlyAWebSocketOnLoopbackWithASecret) {
  auto files = render_janus_config(settings());
  const auto& core = files["janus.jcfg"];
  EXPECT_TRUE(has(core, "api_secret = \"topsecret\""));
  EXPECT_TRUE(has(core, "token_auth = false"));
  const auto& ws = files["janus.transport.websockets.jcfg"];
  EXPECT_TRUE(has(ws, "ws = true"));
  EXPECT_TRUE(has(ws, "ws_port = 18188"));
  EXPECT_TRUE(has(ws, "ws_ip = \"127.0.0.1\""));
  EXPECT_TRUE(has(ws, "wss = false"));
  EXPECT_TRUE(has(ws, "admin_ws = false"));
  EXPECT_TRUE(has(ws, "admin_wss = false"));
  const auto& http = files["janus.transport.http.jcfg"];
  EXPECT_TRUE(has(http, "http = false"));
  EXPECT_TRUE(has(http, "https = false"));
  EXPECT_TRUE(has(http, "admin_http = false"));
  EXPECT_TRUE(has(http, "admin_https = false"));
  // Every other transport is not even loaded.
  for (const char* t : {"libjanus_http.so", "libjanus_pfunix.so", "libjanus_mqtt.so", "libjanus_nanomsg.so",
                        "libjanus_rabbitmq.so"})
    EXPECT_TRUE(has(core, t)) << t;
  EXPECT_FALSE(has(core, "libjanus_websockets.so"));
}

TEST(JanusConfig, OnlyTheAudioBridgeAndVideoRoomPluginsAreLoaded) {
  const auto core = render_janus_config(settings())["janus.jcfg"];
  auto start = core.find("plugins: {");
  ASSERT_NE(start, std::string::npos);
  auto plugins = core.substr(start, core.find('}', start) - start);
  for (const char* p : {"echotest", "videocall", "sip.so", "nosip", "streaming", "textroom", "recordplay", "voicemail",
                        "lua", "duktape"})
    EXPECT_TRUE(has(plugins, p)) << p;
  EXPECT_FALSE(has(plugins, "audiobridge"));
  EXPECT_FALSE(has(plugins, "videoroom"));
  EXPECT_TRUE(has(core, "broadcast = false"));
  EXPECT_TRUE(has(core, "libjanus_jsonlog.so"));
}

TEST(JanusConfig, SessionsTimeOutAndIceIgnoresMdnsAndLoopback) {
  const auto core = render_janus_config(settings())["janus.jcfg"];
  EXPECT_TRUE(has(core, "session_timeout = 60"));
  EXPECT_TRUE(has(core, "ignore_mdns = true"));
  EXPECT_TRUE(has(core, "rtp_port_range = \"20000-40000\""));
  EXPECT_TRUE(has(core, "ice_ignore_list = \"vmnet\""));
  EXPECT_FALSE(has(core, "ice_enforce_list"));
  EXPECT_FALSE(has(core, "stun_server"));
  EXPECT_FALSE(has(core, "turn_server"));
  EXPECT_FALSE(has(core, "nat_1_1_mapping"));
  EXPECT_TRUE(has(core, "debug_colors = false"));
  // /var is not protected, so recordings may go under /var/lib.
  EXPECT_TRUE(has(core, "\"/usr\""));
  EXPECT_FALSE(has(core, "\"/var\""));
}

TEST(JanusConfig, NatStunAndTurnAreRenderedWhenSet) {
  auto s = settings();
  s.nat_1_1_ip = "203.0.113.7";
  s.stun_server = "stun.example.org";
  s.stun_port = 19302;
  s.turn_server = "turn.example.org";
  s.turn_type = "tcp";
  s.turn_user = "bluemeet";
  s.turn_password = "pa\"ss";
  s.ice_enforce_list = {"eth0", "10.0."};
  s.ice_ignore_list = {};
  const auto core = render_janus_config(s)["janus.jcfg"];
  EXPECT_TRUE(has(core, "nat_1_1_mapping = \"203.0.113.7\""));
  EXPECT_TRUE(has(core, "keep_private_host = false"));
  EXPECT_TRUE(has(core, "stun_server = \"stun.example.org\""));
  EXPECT_TRUE(has(core, "stun_port = 19302"));
  EXPECT_TRUE(has(core, "turn_server = \"turn.example.org\""));
  EXPECT_TRUE(has(core, "turn_type = \"tcp\""));
  EXPECT_TRUE(has(core, "turn_user = \"bluemeet\""));
  EXPECT_TRUE(has(core, "turn_pwd = \"pa\\\"ss\""));
  EXPECT_TRUE(has(core, "ice_enforce_list = \"eth0,10.0.\""));
  EXPECT_FALSE(has(core, "ice_ignore_list"));
}

TEST(JanusConfig, PlainRtpParticipantsStayOnTheirOwnAddressAndPorts) {
  const auto ab = render_janus_config(settings())["janus.plugin.audiobridge.jcfg"];
  EXPECT_TRUE(has(ab, "local_ip = \"127.0.0.1\""));
  EXPECT_TRUE(has(ab, "rtp_port_range = \"50000-50999\""));
  EXPECT_TRUE(has(ab, "string_ids = false"));
  EXPECT_FALSE(has(ab, "room-"));  // no rooms from the file: the node creates them
}

TEST(JanusConfig, StringsAreEscapedForLibconfig) {
  EXPECT_EQ(jcfg_string("plain"), "\"plain\"");
  EXPECT_EQ(jcfg_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(jcfg_string("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
  EXPECT_EQ(jcfg_string(std::string("\x01\x7f", 2)), "\"\\x01\\x7f\"");
  EXPECT_EQ(jcfg_string("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_THROW(jcfg_string(std::string("a\0b", 3)), std::invalid_argument);
}

TEST(JanusConfig, ASecretCannotBreakOutOfItsString) {
  auto s = settings();
  s.api_secret = "x\"\n  admin_secret = \"y";
  const auto core = render_janus_config(s)["janus.jcfg"];
  EXPECT_TRUE(has(core, "api_secret = \"x\\\"\\n  admin_secret = \\\"y\""));
  EXPECT_FALSE(has(core, "\n  admin_secret"));
}

TEST(JanusConfig, UnusableSettingsAreRefusedWithTheirName) {
  auto expect_refused = [](JanusSettings s, const char* what) {
    try {
      render_janus_config(s);
      ADD_FAILURE() << "accepted: " << what;
    } catch (const std::invalid_argument& e) {
      EXPECT_TRUE(has(e.what(), what)) << e.what();
    }
  };
  auto s = settings();
  s.api_secret.clear();
  expect_refused(s, "api_secret");
  s = settings();
  s.working_dir = "relative/dir";
  expect_refused(s, "working_dir");
  s = settings();
  s.rtp_port_min = 40000;
  s.rtp_port_max = 20000;
  expect_refused(s, "rtp_port_min");
  s = settings();
  s.ice_enforce_list = {"lo"};
  expect_refused(s, "loopback");
  s = settings();
  s.ice_ignore_list = {"eth0,eth1"};
  expect_refused(s, "ice_ignore_list");
  s = settings();
  s.recordings_dir = "/usr/share/rec";
  expect_refused(s, "recordings_dir");
  s = settings();
  s.log_level = 8;
  expect_refused(s, "log_level");
  s = settings();
  s.turn_type = "dtls";
  expect_refused(s, "turn_type");
  s = settings();
  s.nat_1_1_ip = "1.2.3.4\" x";
  expect_refused(s, "nat_1_1_ip");
  s = settings();
  s.session_timeout = std::chrono::seconds(10);
  expect_refused(s, "session_timeout");
}

TEST(JanusConfig, RecordingsMayLiveUnderVarLib) {
  auto s = settings();
  s.recordings_dir = "/var/lib/bluemeet/recordings";
  EXPECT_NO_THROW(render_janus_config(s));
  s.recordings_dir = "/usrlocal/rec";  // a prefix of the name, not of the path
  EXPECT_NO_THROW(render_janus_config(s));
}

TEST(JanusConfig, TheApiUrlIsOnLoopback) { EXPECT_EQ(janus_ws_url(settings()), "ws://127.0.0.1:18188/"); }

}  // namespace
}  // namespace bluemeet::media
