#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "node/session_json.h"
#include "node_test_util.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;
namespace json = boost::json;

TEST(SessionJson, WelcomeShowsGuestsOnlyToModerators) {
  Meeting m(options("meetingID=m1&name=Room&guestPolicy=ASK_MODERATOR&moderatorOnlyMessage=secret"), "int", 1000, "70000");
  enter(m, "w_m", as("Mod", Role::moderator), 1);
  enter(m, "w_v", as("View", Role::viewer), 1);
  auto g = as("Guest", Role::viewer);
  g.guest = true;
  m.join(g, "w_g", "tg", "a", 1);
  m.connect("w_g", 2);
  auto mod = json::parse(session::welcome(m, *m.user("w_m"), "http://x/", json::object{{"enabled", false}, {"reason", "off"}})).as_object();
  EXPECT_EQ(mod["type"].as_string(), "welcome");
  EXPECT_EQ(mod["guests"].as_array().size(), 1u);
  EXPECT_EQ(mod["users"].as_array().size(), 2u);
  EXPECT_NE(std::string(mod["meeting"].as_object()["welcome"].as_string()).find("secret"), std::string::npos);
  auto view = json::parse(session::welcome(m, *m.user("w_v"), "http://x/", json::object{{"enabled", false}, {"reason", "off"}})).as_object();
  EXPECT_EQ(view["guests"].as_array().size(), 0u);
  EXPECT_EQ(std::string(view["meeting"].as_object()["welcome"].as_string()).find("secret"), std::string::npos);
  EXPECT_EQ(view["you"].as_object()["role"].as_string(), "VIEWER");
  EXPECT_EQ(view["media"].as_object()["enabled"].as_bool(), false);
}

TEST(SessionJson, ParsesClientMessages) {
  LockSettings current;
  auto chat = session::parse_client_message(R"({"type":"chatSend","text":"hi"})", current);
  EXPECT_EQ(chat.type, "chatSend");
  EXPECT_EQ(chat.text, "hi");
  auto lock = session::parse_client_message(R"({"type":"lockSet","lock":{"disablePublicChat":true}})", current);
  ASSERT_TRUE(lock.lock);
  EXPECT_TRUE(lock.lock->disable_public_chat);
  EXPECT_TRUE(lock.lock->lock_on_join);  // untouched fields keep their value
  auto hand = session::parse_client_message(R"({"type":"handSet","raised":true})", current);
  EXPECT_TRUE(hand.flag);
  auto ping = session::parse_client_message(R"({"type":"ping","id":7})", current);
  EXPECT_EQ(ping.id, "7");
  EXPECT_EQ(session::parse_client_message("not json", current).type, "");
  EXPECT_EQ(session::parse_client_message("[1,2]", current).type, "");
  EXPECT_EQ(session::parse_client_message(R"({"type":5})", current).type, "");
}

TEST(SessionJson, HiddenUserListShowsLockedViewersOnlyModeratorsAndThemselves) {
  Meeting m(options("meetingID=m1&name=Room&lockSettingsHideUserList=true"), "int", 1000, "70000");
  enter(m, "w_m", as("Mod", Role::moderator), 1);
  enter(m, "w_v", as("View", Role::viewer), 1);
  enter(m, "w_w", as("Other", Role::viewer), 1);
  auto view = json::parse(session::welcome(m, *m.user("w_v"), "http://x/", json::object{{"enabled", false}, {"reason", "off"}})).as_object();
  EXPECT_EQ(view["users"].as_array().size(), 2u);  // the moderator and themselves
  auto mod = json::parse(session::welcome(m, *m.user("w_m"), "http://x/", json::object{{"enabled", false}, {"reason", "off"}})).as_object();
  EXPECT_EQ(mod["users"].as_array().size(), 3u);
  EXPECT_FALSE(m.can_see(*m.user("w_v"), *m.user("w_w")));
  EXPECT_TRUE(m.can_see(*m.user("w_v"), *m.user("w_m")));
}
