#include "bbb/xml_writer.h"

#include <charconv>

namespace bluemeet::bbb {

void xml_escape_append(std::string& out, std::string_view text) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 forbids C0 controls other than tab, newline and carriage return.
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out.push_back(ch);
    }
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  xml_escape_append(out, text);
  return out;
}

bool is_xml_name(std::string_view name) {
  if (name.empty()) return false;
  auto start_ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start_ok(name[0])) return false;
  for (char c : name)
    if (!(start_ok(c) || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  // Names starting with "xml" are reserved.
  return !(name.size() >= 3 && (name[0] | 0x20) == 'x' && (name[1] | 0x20) == 'm' && (name[2] | 0x20) == 'l');
}

XmlWriter& XmlWriter::open(std::string_view name) {
  out_.push_back('<');
  out_.append(name);
  out_.push_back('>');
  stack_.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::close() {
  out_ += "</";
  out_ += stack_.back();
  out_.push_back('>');
  stack_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::elem(std::string_view name, std::string_view text) {
  out_.push_back('<');
  out_.append(name);
  out_.push_back('>');
  xml_escape_append(out_, text);
  out_ += "</";
  out_.append(name);
  out_.push_back('>');
  return *this;
}

XmlWriter& XmlWriter::elem(std::string_view name, std::int64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  (void)ec;
  return elem(name, std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

XmlWriter& XmlWriter::elem(std::string_view name, bool b) { return elem(name, b ? "true" : "false"); }

XmlWriter& XmlWriter::cdata_elem(std::string_view name, std::string_view text) {
  out_.push_back('<');
  out_.append(name);
  out_ += "><![CDATA[";
  // "]]>" cannot appear inside CDATA: split it across two sections.
  std::size_t pos = 0;
  while (true) {
    auto hit = text.find("]]>", pos);
    if (hit == std::string_view::npos) break;
    out_.append(text.substr(pos, hit + 2 - pos));
    out_ += "]]><![CDATA[";
    pos = hit + 2;
  }
  out_.append(text.substr(pos));
  out_ += "]]></";
  out_.append(name);
  out_.push_back('>');
  return *this;
}

XmlWriter& XmlWriter::empty(std::string_view name) {
  out_.push_back('<');
  out_.append(name);
  out_ += "/>";
  return *this;
}

XmlWriter& XmlWriter::elem_attrs(std::string_view name,
                                 const std::vector<std::pair<std::string_view, std::string>>& attrs,
                                 std::string_view text) {
  out_.push_back('<');
  out_.append(name);
  for (const auto& [k, v] : attrs) {
    out_.push_back(' ');
    out_.append(k);
    out_ += "=\"";
    xml_escape_append(out_, v);
    out_.push_back('"');
  }
  out_.push_back('>');
  xml_escape_append(out_, text);
  out_ += "</";
  out_.append(name);
  out_.push_back('>');
  return *this;
}

XmlWriter& XmlWriter::raw(std::string_view xml) {
  out_.append(xml);
  return *this;
}

std::string XmlWriter::str() && {
  while (!stack_.empty()) close();
  return std::move(out_);
}

}  // namespace bluemeet::bbb
