// Presentations: the documents a meeting is given by create's <modules> body
// (BBB's pre-upload) or insertDocument, and which page of which one the
// presenter shows. Pure: parsing, file-type detection and the state; files
// and downloads are PresentationFiles' business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bluemeet::node {

// What the node can show without converting: PDF (rendered by the client)
// and images. Office documents would need a converter this node lacks.
enum class DocKind { pdf, png, jpeg };
std::string_view kind_name(DocKind k);     // "pdf", "png", "jpeg"
std::string_view content_type(DocKind k);  // "application/pdf", …
// util::document_type as a kind: from the file's own bytes only.
std::optional<DocKind> detect_kind(std::string_view bytes);

inline constexpr std::size_t kMaxDocumentBytes = 30'000'000;  // BBB's maxFileSizeUpload
inline constexpr std::size_t kMaxDocumentsPerMeeting = 20;
inline constexpr int kMaxPage = 5000;

// One <document> of the presentation module, as given.
struct DocumentSource {
  std::string name;   // the filename (or name) attribute, else from the URL, else "document"
  std::string url;    // http(s) URL to fetch, when given by URL
  std::string bytes;  // the decoded content, when given inline (base64)
  bool current = false;
  bool downloadable = false;
};

struct ModulesError {
  std::string message;
};

struct ParsedModules {
  std::vector<DocumentSource> documents;
  std::vector<std::string> skipped;  // why each unusable document was left out (for the log)
};

// Reads a <modules> body: the documents of <module name="presentation">, in
// order. Other modules are ignored, as BBB ignores those it does not know.
// Only XML that is not a <modules> document is an error: as on BBB, a
// meeting is created even when one of its documents cannot be used (bad
// base64, too large, too many), which is then left out.
std::variant<ParsedModules, ModulesError> parse_modules(std::string_view xml);

// A document the meeting has: stored, of a known kind.
struct PresentationDoc {
  std::string id;  // "d1", "d2", … in the meeting
  std::string name;
  DocKind kind = DocKind::pdf;
  bool downloadable = false;
  std::uint64_t size = 0;
};

struct PresentationState {
  std::vector<PresentationDoc> docs;
  std::string current;  // id of the shown document; empty while there are none
  int page = 1;

  const PresentationDoc* find(std::string_view id) const;
  // Adds a document (the first one, or one marked current, is shown).
  void add(PresentationDoc doc, bool make_current);
  // Shows a page of a document; false when there is no such document or page.
  bool show(std::string_view id, int page);
  // Ids are handed out before a document is stored, so that documents
  // stored concurrently (create, insertDocument) never share one.
  std::string reserve_id() { return "d" + std::to_string(++issued); }
  int issued = 0;
};

// A safe file name to show and to offer for download: no path, no controls.
std::string display_name(std::string_view given, std::string_view url);

}  // namespace bluemeet::node
