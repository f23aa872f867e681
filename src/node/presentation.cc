#include "node/presentation.h"

#include <algorithm>
#include <cstdlib>
#include <pugixml.hpp>

#include "net/url.h"
#include "util/crypto.h"
#include "util/document_type.h"
#include "util/text.h"

namespace bluemeet::node {

std::string_view kind_name(DocKind k) {
  switch (k) {
    case DocKind::pdf: return "pdf";
    case DocKind::png: return "png";
    case DocKind::jpeg: return "jpeg";
  }
  return "pdf";
}

std::string_view content_type(DocKind k) {
  switch (k) {
    case DocKind::pdf: return "application/pdf";
    case DocKind::png: return "image/png";
    case DocKind::jpeg: return "image/jpeg";
  }
  return "application/octet-stream";
}

std::optional<DocKind> detect_kind(std::string_view b) {
  auto type = util::document_type(b);
  for (auto k : {DocKind::pdf, DocKind::png, DocKind::jpeg})
    if (content_type(k) == type) return k;
  return std::nullopt;
}

std::string display_name(std::string_view given, std::string_view url) {
  std::string_view name = given;
  if (util::trim(name).empty() && !url.empty()) {
    auto path = url.substr(0, url.find_first_of("?#"));
    name = path.substr(path.find_last_of('/') + 1);
  }
  // No directories: a name is only ever shown and offered as a download name.
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7f && c != '"') out.push_back(static_cast<char>(c));
  out = std::string(util::trim(out));
  if (out.size() > 255) out.resize(255);  // may cut a UTF-8 sequence: names are shown through JSON, which escapes
  return out.empty() ? "document" : out;
}

std::variant<ParsedModules, ModulesError> parse_modules(std::string_view xml) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8) || !doc.child("modules"))
    return ModulesError{"The XML in the request body is not valid."};
  ParsedModules out;
  for (auto module : doc.child("modules").children("module")) {
    if (std::string_view(module.attribute("name").value()) != "presentation") continue;
    for (auto d : module.children("document")) {
      DocumentSource s;
      s.url = util::trim(d.attribute("url").value());
      std::string_view given = d.attribute("filename").value();
      if (given.empty()) given = d.attribute("name").value();
      s.name = display_name(given, s.url);
      s.current = d.attribute("current").as_bool(false);
      s.downloadable = d.attribute("downloadable").as_bool(false);
      auto skip = [&](std::string_view why) { out.skipped.push_back(s.name + ": " + std::string(why)); };
      if (out.documents.size() == kMaxDocumentsPerMeeting) {
        skip("too many documents");
        continue;
      }
      if (!s.url.empty()) {
        if (!net::parse_http_url(s.url)) skip("its URL is not an http or https URL");
        else out.documents.push_back(std::move(s));
        continue;
      }
      auto text = util::trim(d.child_value());
      // base64 takes 4 bytes for 3, plus line breaks: reject the hopeless before decoding.
      if (text.size() > kMaxDocumentBytes / 3 * 4 + kMaxDocumentBytes / 32) {
        skip("larger than 30 MB");
        continue;
      }
      auto bytes = util::base64_decode(text);
      if (!bytes || bytes->empty()) skip("neither a URL nor base64 content");
      else if (bytes->size() > kMaxDocumentBytes) skip("larger than 30 MB");
      else {
        s.bytes = std::move(*bytes);
        out.documents.push_back(std::move(s));
      }
    }
  }
  return out;
}

const PresentationDoc* PresentationState::find(std::string_view id) const {
  auto it = std::find_if(docs.begin(), docs.end(), [&](const PresentationDoc& d) { return d.id == id; });
  return it == docs.end() ? nullptr : &*it;
}

void PresentationState::add(PresentationDoc doc, bool make_current) {
  if (doc.id.size() > 1) issued = std::max(issued, std::atoi(doc.id.c_str() + 1));  // restored ones
  if (make_current || current.empty()) {
    current = doc.id;
    page = 1;
  }
  docs.push_back(std::move(doc));
}

bool PresentationState::show(std::string_view id, int p) {
  const auto* d = find(id);
  if (!d || p < 1 || p > kMaxPage || (d->kind != DocKind::pdf && p != 1)) return false;
  current = d->id;
  page = p;
  return true;
}

}  // namespace bluemeet::node
