#include <gtest/gtest.h>

#include "bbb/query.h"

using bluemeet::bbb::Params;

TEST(Query, DecodesPlusAndPercentAndKeepsOrder) {
  auto p = Params::parse("name=Test+Meeting&x=%20a%2Bb&meetingID=abc&empty=&flag");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get("name"), "Test Meeting");
  EXPECT_EQ(p->get("x"), " a+b");
  EXPECT_EQ(p->get("empty"), "");
  EXPECT_TRUE(p->has("flag"));
  EXPECT_EQ(p->entries()[2].first, "meetingID");
}

TEST(Query, MalformedEscapesStayLiteral) {
  auto p = Params::parse("a=%zz&b=%4&c=100%");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get("a"), "%zz");
  EXPECT_EQ(p->get("b"), "%4");
  EXPECT_EQ(p->get("c"), "100%");
}

TEST(Query, TooManyParametersAreRefused) {
  std::string q;
  for (int i = 0; i < 600; ++i) q += "k" + std::to_string(i) + "=v&";
  EXPECT_FALSE(Params::parse(q));
}

TEST(Query, BooleansAndNumbers) {
  auto p = *Params::parse("a=TRUE&b=false&c=yes&n=42&m=-3&big=99999999999999999999&w=+7");
  EXPECT_TRUE(p.get_bool("a", false));
  EXPECT_FALSE(p.get_bool("b", true));
  EXPECT_TRUE(p.get_bool("c", true));  // not a BBB boolean: the default stands
  EXPECT_EQ(p.get_uint("n", 100), 42);
  EXPECT_EQ(p.get_uint("n", 10), 10);
  EXPECT_FALSE(p.get_uint("m", 10));
  EXPECT_FALSE(p.get_uint("big", 10));
  EXPECT_EQ(p.get_uint("w", 10), 7);  // "+7" decodes to " 7"; surrounding blanks are forgiven
  EXPECT_FALSE(p.get_uint("absent", 10));
}

TEST(Query, EncodeRoundTrips) {
  Params p;
  p.add("fullName", "Jo Ann*~");
  p.add("meta_x", "a&b=c");
  EXPECT_EQ(p.encode(), "fullName=Jo+Ann%2A~&meta_x=a%26b%3Dc");
  auto back = Params::parse(p.encode());
  EXPECT_EQ(back->get("fullName"), "Jo Ann*~");
  EXPECT_EQ(back->get("meta_x"), "a&b=c");
}
