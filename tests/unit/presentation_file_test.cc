#include <gtest/gtest.h>

#include "portal/presentation_file.h"
#include "util/document_type.h"

using namespace bluemeet::portal;

TEST(PresentationFile, TheFirstBytesDecideTheType) {
  using bluemeet::util::document_type;
  EXPECT_EQ(document_type("%PDF-1.4\n..."), "application/pdf");
  EXPECT_EQ(document_type("\x89PNG\r\n\x1a\n...."), "image/png");
  EXPECT_EQ(document_type("\xff\xd8\xff\xe0..JFIF"), "image/jpeg");
  EXPECT_EQ(document_type("just some text, named slides.pdf"), "");
  EXPECT_EQ(document_type("%PD"), "") << "a cut-off header";
  EXPECT_EQ(document_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "");
  EXPECT_EQ(document_type(""), "");
}

TEST(PresentationFile, NamesLoseTheirDirectoriesAndMustBeText) {
  EXPECT_EQ(clean_file_name("  Week 1.pdf "), "Week 1.pdf");
  EXPECT_EQ(clean_file_name("C:\\Users\\ada\\slides.pdf"), "slides.pdf");
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("Lezione – è.pdf"), "Lezione – è.pdf");
  EXPECT_FALSE(clean_file_name(""));
  EXPECT_FALSE(clean_file_name("dir/"));
  EXPECT_FALSE(clean_file_name("a\nb.pdf"));
  EXPECT_FALSE(clean_file_name("bad\xff.pdf"));
  EXPECT_FALSE(clean_file_name("c1\xc2\x85.pdf"));
  EXPECT_FALSE(clean_file_name(std::string(256, 'a')));
  EXPECT_TRUE(clean_file_name(std::string(255, 'a')));
}
