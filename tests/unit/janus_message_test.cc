#include <gtest/gtest.h>

#include "media/janus_message.h"
#include "media/ws_url.h"

namespace bluemeet::media {
namespace {

TEST(JanusMessage, ASuccessCarriesTheNewId) {
  auto m = parse_janus_message(R"j({"janus":"success","transaction":"t1","data":{"id":8327158716384256}})j");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->janus, "success");
  EXPECT_EQ(m->transaction, "t1");
  EXPECT_FALSE(m->failure);
  EXPECT_EQ(json_id(m->raw.at("data").as_object(), "id"), 8327158716384256u);
}

TEST(JanusMessage, IdsAboveInt64AreRead) {
  auto m = parse_janus_message(R"j({"janus":"event","session_id":18446744073709551615,"sender":1})j");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->session_id, 18446744073709551615u);
  EXPECT_EQ(m->sender, 1u);
}

TEST(JanusMessage, ACoreErrorHasItsCodeAndReason) {
  auto m = parse_janus_message(
      R"j({"janus":"error","transaction":"t2","error":{"code":403,"reason":"Unauthorized request (wrong or missing secret/token)"}})j");
  ASSERT_TRUE(m && m->failure);
  EXPECT_EQ(m->failure->kind, JanusError::Kind::janus);
  EXPECT_EQ(m->failure->code, 403);
  EXPECT_EQ(m->failure->reason, "Unauthorized request (wrong or missing secret/token)");
}

TEST(JanusMessage, APluginErrorIsAFailureToo) {
  auto m = parse_janus_message(R"j({"janus":"success","session_id":1,"sender":2,"transaction":"t3",
    "plugindata":{"plugin":"janus.plugin.audiobridge","data":{"audiobridge":"event","error_code":485,"error":"No such room (9)"}}})j");
  ASSERT_TRUE(m && m->failure);
  EXPECT_EQ(m->failure->kind, JanusError::Kind::plugin);
  EXPECT_EQ(m->failure->code, 485);
  EXPECT_EQ(m->failure->reason, "No such room (9)");
  EXPECT_EQ(m->plugin, "janus.plugin.audiobridge");
}

TEST(JanusMessage, APluginEventCarriesDataAndJsep) {
  auto m = parse_janus_message(R"j({"janus":"event","session_id":1,"sender":2,"transaction":"t4",
    "plugindata":{"plugin":"janus.plugin.videoroom","data":{"videoroom":"joined","room":5}},
    "jsep":{"type":"answer","sdp":"v=0"}})j");
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->failure);
  EXPECT_EQ(m->plugin_data.at("videoroom").as_string(), "joined");
  ASSERT_TRUE(m->jsep);
  EXPECT_EQ(m->jsep->at("type").as_string(), "answer");
}

TEST(JanusMessage, EventsWithoutTransactionAreRecognised) {
  auto m = parse_janus_message(R"j({"janus":"webrtcup","session_id":1,"sender":2})j");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->transaction.empty());
  EXPECT_EQ(m->sender, 2u);
  auto t = parse_janus_message(R"j({"janus":"timeout","session_id":7})j");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->session_id, 7u);
  EXPECT_EQ(t->sender, 0u);
}

TEST(JanusMessage, AnErrorWithoutDetailsStillFails) {
  auto m = parse_janus_message(R"j({"janus":"error","transaction":"t"})j");
  ASSERT_TRUE(m && m->failure);
  EXPECT_EQ(m->failure->code, 0);
  EXPECT_FALSE(m->failure->reason.empty());
}

TEST(JanusMessage, GarbageIsNotAMessage) {
  EXPECT_FALSE(parse_janus_message("not json"));
  EXPECT_FALSE(parse_janus_message("[1,2]"));
  EXPECT_FALSE(parse_janus_message(R"j({"transaction":"t"})j"));
  EXPECT_FALSE(parse_janus_message(R"j({"janus":5})j"));
}

TEST(JanusMessage, ErrorsSayWhatFailed) {
  JanusError e(JanusError::Kind::plugin, 426, "No such room");
  EXPECT_STREQ(e.what(), "janus error 426: No such room");
  JanusError t(JanusError::Kind::timeout, 0, "create timed out");
  EXPECT_STREQ(t.what(), "janus: create timed out");
}

TEST(WsUrl, ParsesJanusAddresses) {
  auto u = parse_ws_url("ws://127.0.0.1:8188/");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8188);
  EXPECT_EQ(u->target, "/");
  EXPECT_EQ(u->host_header(), "127.0.0.1:8188");
  auto v6 = parse_ws_url("ws://[::1]:9000");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->target, "/");
  EXPECT_EQ(v6->host_header(), "[::1]:9000");
  auto path = parse_ws_url("ws://janus.internal/janus?x=1");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->port, 80);
  EXPECT_EQ(path->target, "/janus?x=1");
}

TEST(WsUrl, RefusesEverythingElse) {
  EXPECT_FALSE(parse_ws_url("wss://127.0.0.1:8989/"));
  EXPECT_FALSE(parse_ws_url("http://127.0.0.1:8088/janus"));
  EXPECT_FALSE(parse_ws_url("ws://user:pw@127.0.0.1:8188/"));
  EXPECT_FALSE(parse_ws_url("ws://127.0.0.1:0/"));
  EXPECT_FALSE(parse_ws_url("127.0.0.1:8188"));
  EXPECT_FALSE(parse_ws_url(""));
}

}  // namespace
}  // namespace bluemeet::media
