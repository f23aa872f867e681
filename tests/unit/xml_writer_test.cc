#include <gtest/gtest.h>

#include "bbb/responses.h"
#include "bbb/xml_writer.h"

using namespace bluemeet::bbb;

TEST(XmlWriter, EscapesTextAndDropsInvalidControls) {
  XmlWriter w;
  w.open("response").elem("a", "<b>&\"'\x01x");
  EXPECT_EQ(std::move(w).str(), "<response><a>&lt;b&gt;&amp;&quot;&#39;x</a></response>");
}

TEST(XmlWriter, CdataSplitsTerminator) {
  XmlWriter w;
  w.cdata_elem("u", "a]]>b");
  EXPECT_EQ(std::move(w).str(), "<u><![CDATA[a]]]]><![CDATA[>b]]></u>");
}

TEST(XmlWriter, ErrorEnvelopes) {
  EXPECT_EQ(error_xml("notFound", "x"),
            "<response><returncode>FAILED</returncode><messageKey>notFound</messageKey><message>x</message></response>");
  EXPECT_EQ(errors_xml({{"nonUniqueVoiceBridge", "m"}}),
            "<response><returncode>FAILED</returncode><errors><error><key>nonUniqueVoiceBridge</key><message>m</message>"
            "</error></errors></response>");
  EXPECT_EQ(error_json("paramError", "Missing param checksum."),
            R"({"response":{"returncode":"FAILED","messageKey":"paramError","message":"Missing param checksum."}})");
}

TEST(XmlWriter, XmlNames) {
  EXPECT_TRUE(is_xml_name("bbb-origin"));
  EXPECT_TRUE(is_xml_name("foo_bar.1"));
  EXPECT_FALSE(is_xml_name("1x"));
  EXPECT_FALSE(is_xml_name("a b"));
  EXPECT_FALSE(is_xml_name("a<b"));
  EXPECT_FALSE(is_xml_name("xmlfoo"));
  EXPECT_FALSE(is_xml_name(""));
}
