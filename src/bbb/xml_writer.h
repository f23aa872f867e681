// Builds BBB-style XML responses into one string, without a DOM: responses
// sit on the gateway's hot path. Output has no XML declaration and no
// whitespace between elements, as BBB's FreeMarker templates emit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::bbb {

class XmlWriter {
 public:
  XmlWriter() { out_.reserve(512); }
  XmlWriter& open(std::string_view name);
  XmlWriter& close();  // closes the innermost open element
  XmlWriter& elem(std::string_view name, std::string_view text);
  XmlWriter& elem(std::string_view name, const char* text) { return elem(name, std::string_view(text)); }
  XmlWriter& elem(std::string_view name, std::int64_t n);
  XmlWriter& elem(std::string_view name, int n) { return elem(name, static_cast<std::int64_t>(n)); }
  XmlWriter& elem(std::string_view name, bool b);
  XmlWriter& cdata_elem(std::string_view name, std::string_view text);  // <name><![CDATA[text]]></name>
  XmlWriter& empty(std::string_view name);                               // <name/>
  // <name a="v" b="w">text</name>; attrs are name/value pairs.
  XmlWriter& elem_attrs(std::string_view name, const std::vector<std::pair<std::string_view, std::string>>& attrs,
                        std::string_view text = {});
  XmlWriter& raw(std::string_view xml);  // already-valid XML
  std::string str() &&;                   // closes what is open and returns the document
  const std::string& view() const { return out_; }

 private:
  std::string out_;
  std::vector<std::string> stack_;
};

// Escapes &, <, >, " and ' and drops characters XML 1.0 cannot carry.
void xml_escape_append(std::string& out, std::string_view text);
std::string xml_escape(std::string_view text);

// Element names for metadata and custom data come from users: keep only
// characters valid in an XML name, so a hostile key cannot break the document.
bool is_xml_name(std::string_view name);

}  // namespace bluemeet::bbb
