#include <gtest/gtest.h>

#include "node/presentation.h"
#include "node_test_util.h"
#include "util/crypto.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;

namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest";

std::string modules(const std::string& docs) {
  return "<modules><module name=\"presentation\">" + docs + "</module></modules>";
}

ParsedModules parse_ok(const std::string& xml) {
  auto r = parse_modules(xml);
  EXPECT_TRUE(std::holds_alternative<ParsedModules>(r)) << xml;
  return std::holds_alternative<ParsedModules>(r) ? std::get<ParsedModules>(r) : ParsedModules{};
}

PresentationDoc doc(std::string id, DocKind kind = DocKind::pdf) { return {std::move(id), "x", kind, false, 1}; }

}  // namespace

TEST(Presentation, KindComesFromTheBytesNotTheName) {
  EXPECT_EQ(detect_kind(kPdf), DocKind::pdf);
  EXPECT_EQ(detect_kind("junk before the header " + kPdf), DocKind::pdf);  // as PDF readers allow
  EXPECT_EQ(detect_kind(kPng), DocKind::png);
  EXPECT_EQ(detect_kind("\xff\xd8\xff\xe0 jfif"), DocKind::jpeg);
  EXPECT_EQ(detect_kind("PK\x03\x04 a pptx is a zip"), std::nullopt);
  EXPECT_EQ(detect_kind(""), std::nullopt);
}

TEST(Presentation, ModulesGiveInlineAndUrlDocumentsInOrder) {
  auto parsed = parse_ok(modules("<document filename=\"a.pdf\" current=\"true\" downloadable=\"true\">" +
                                 bluemeet::util::base64_encode(kPdf) +
                                 "</document><document url=\"https://lms.example/files/b%20c.pdf?x=1\"/>") +
                         "");
  ASSERT_EQ(parsed.documents.size(), 2u);
  EXPECT_EQ(parsed.documents[0].name, "a.pdf");
  EXPECT_EQ(parsed.documents[0].bytes, kPdf);
  EXPECT_TRUE(parsed.documents[0].current);
  EXPECT_TRUE(parsed.documents[0].downloadable);
  EXPECT_EQ(parsed.documents[1].name, "b%20c.pdf");
  EXPECT_TRUE(parsed.documents[1].bytes.empty());
  EXPECT_TRUE(parsed.skipped.empty());
}

TEST(Presentation, OtherModulesAreIgnoredAndBadXmlIsAnError) {
  EXPECT_TRUE(parse_ok("<modules><module name=\"whiteboard\"><document url=\"http://x/a\"/></module></modules>")
                  .documents.empty());
  EXPECT_TRUE(std::holds_alternative<ModulesError>(parse_modules("<modules><module")));
  EXPECT_TRUE(std::holds_alternative<ModulesError>(parse_modules("<other/>")));
}

TEST(Presentation, UnusableDocumentsAreLeftOutNotFatal) {
  auto parsed = parse_ok(modules("<document filename=\"bad\">***</document>"
                                 "<document url=\"ftp://host/a.pdf\"/>"
                                 "<document filename=\"ok.png\">" +
                                 bluemeet::util::base64_encode(kPng) + "</document>"));
  ASSERT_EQ(parsed.documents.size(), 1u);
  EXPECT_EQ(parsed.documents[0].name, "ok.png");
  EXPECT_EQ(parsed.skipped.size(), 2u);
}

TEST(Presentation, NamesLoseDirectoriesAndControlCharacters) {
  EXPECT_EQ(display_name("../../etc/passwd", ""), "passwd");
  EXPECT_EQ(display_name("C:\\slides\\a.pdf", ""), "a.pdf");
  EXPECT_EQ(display_name("a\r\n\"b\".pdf", ""), "ab.pdf");
  EXPECT_EQ(display_name("", "http://h/p/deck.pdf?token=1"), "deck.pdf");
  EXPECT_EQ(display_name("", ""), "document");
}

TEST(Presentation, FirstOrCurrentDocumentIsShownAndPagesAreChecked) {
  PresentationState s;
  s.add(doc(s.reserve_id()), false);
  s.add(doc(s.reserve_id(), DocKind::png), false);
  EXPECT_EQ(s.current, "d1");
  s.add(doc(s.reserve_id()), true);
  EXPECT_EQ(s.current, "d3");
  EXPECT_TRUE(s.show("d1", 7));
  EXPECT_EQ(s.page, 7);
  EXPECT_FALSE(s.show("d2", 2));  // an image has one page
  EXPECT_FALSE(s.show("d9", 1));
  EXPECT_FALSE(s.show("d1", 0));
  EXPECT_FALSE(s.show("d1", kMaxPage + 1));
  EXPECT_EQ(s.current, "d1");
}

TEST(Presentation, RestoredIdsAreNeverHandedOutAgain) {
  PresentationState s;
  s.add(doc("d4"), false);
  EXPECT_EQ(s.reserve_id(), "d5");
}

TEST(Presentation, OnlyThePresenterTurnsPages) {
  Meeting m(options("meetingID=m1&name=Room&attendeePW=ap&moderatorPW=mp"), "int-1", 1'000'000, "70001");
  auto teacher = enter(m, "w_t", as("T", Role::moderator), 1'000'001);
  auto student = enter(m, "w_s", as("S", Role::viewer), 1'000'002);
  auto added = m.add_document(doc(m.reserve_document_id()), false);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ev::PresentationChanged>(added[0]));

  ActionError err = ActionError::none;
  EXPECT_TRUE(m.show_presentation(student, "d1", 2, err).empty());
  EXPECT_EQ(err, ActionError::forbidden);
  err = ActionError::none;
  EXPECT_EQ(m.show_presentation(teacher, "d1", 2, err).size(), 1u);
  EXPECT_EQ(err, ActionError::none);
  EXPECT_EQ(m.presentation().page, 2);
  EXPECT_TRUE(m.show_presentation(teacher, "d1", 2, err).empty());  // no change, no event
  EXPECT_TRUE(m.show_presentation(teacher, "d1", 0, err).empty());
  EXPECT_EQ(err, ActionError::bad_request);
}
