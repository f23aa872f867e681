#include "node/presentation_files.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <sstream>
#include <spdlog/spdlog.h>

#include "recording/text_track_files.h"

namespace asio = boost::asio;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace bluemeet::node {
namespace {

int id_number(const std::string& id) { return id.size() > 1 ? std::atoi(id.c_str() + 1) : 0; }

std::optional<DocKind> kind_from_name(std::string_view n) {
  for (auto k : {DocKind::pdf, DocKind::png, DocKind::jpeg})
    if (kind_name(k) == n) return k;
  return std::nullopt;
}

}  // namespace

PresentationFiles::PresentationFiles(asio::any_io_executor io, fs::path root)
    : root_(std::move(root)),
      http_(std::move(io), net::ClientOptions{.max_response_bytes = kMaxDocumentBytes}) {}

PresentationFiles::~PresentationFiles() { worker_.join(); }

asio::awaitable<std::variant<ParsedModules, ModulesError>> PresentationFiles::parse(const std::string& xml) {
  // The caller awaits, so the body outlives the work: no copy of megabytes.
  auto work = [x = &xml]() -> asio::awaitable<std::variant<ParsedModules, ModulesError>> {
    co_return parse_modules(*x);
  };
  co_return co_await asio::co_spawn(worker_, std::move(work), asio::use_awaitable);
}

asio::awaitable<void> PresentationFiles::fetch(DocumentSource& source) {
  net::ClientRequest req;
  req.url = source.url;
  req.timeout = std::chrono::seconds(30);
  req.max_redirects = 3;
  try {
    auto r = co_await http_.fetch(std::move(req));
    if (r.status == 200) source.bytes = std::move(r.body);
    else spdlog::warn("presentation {}: HTTP {}", source.name, r.status);
  } catch (const std::exception& e) {
    spdlog::warn("presentation {} could not be fetched: {}", source.name, e.what());
  }
}

asio::awaitable<std::optional<StoredDocument>> PresentationFiles::store(const std::string& internal_id,
                                                                       const std::string& id, DocumentSource& source) {
  auto work = [this, m = internal_id, id = id, s = std::move(source)]() -> asio::awaitable<std::optional<StoredDocument>> {
    auto kind = detect_kind(s.bytes);
    if (!kind) {
      spdlog::warn("presentation {} of meeting {} is not a PDF, PNG or JPEG file: not shown", s.name, m);
      co_return std::nullopt;
    }
    StoredDocument out{{id, s.name, *kind, s.downloadable, s.bytes.size()}, s.current};
    try {
      fs::create_directories(root_ / m);
      recording::write_file_atomic(file(m, id), s.bytes);
      json::object about{{"name", s.name},
                         {"kind", kind_name(*kind)},
                         {"downloadable", s.downloadable},
                         {"current", s.current},
                         {"size", s.bytes.size()}};
      recording::write_file_atomic(root_ / m / (id + ".json"), json::serialize(about));
    } catch (const std::exception& e) {
      spdlog::error("presentation {} of meeting {} could not be stored: {}", s.name, m, e.what());
      co_return std::nullopt;
    }
    co_return out;
  };
  co_return co_await asio::co_spawn(worker_, std::move(work), asio::use_awaitable);
}

fs::path PresentationFiles::file(const std::string& internal_id, const std::string& doc_id) const {
  return root_ / internal_id / doc_id;
}

std::vector<StoredDocument> PresentationFiles::load(const std::string& internal_id) const {
  std::vector<StoredDocument> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_ / internal_id, ec)) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code jec;
    auto v = json::parse(text.str(), jec);
    if (jec || !v.is_object()) continue;
    const auto& o = v.as_object();
    auto str = [&](const char* k) { return o.contains(k) && o.at(k).is_string() ? std::string(o.at(k).as_string()) : ""; };
    auto flag = [&](const char* k) { return o.contains(k) && o.at(k).is_bool() && o.at(k).as_bool(); };
    auto kind = kind_from_name(str("kind"));
    std::string id = e.path().stem().string();
    if (!kind || !fs::exists(file(internal_id, id))) continue;
    std::uint64_t size = o.contains("size") && o.at("size").is_number() ? o.at("size").to_number<std::uint64_t>() : 0;
    out.push_back({{id, str("name"), *kind, flag("downloadable"), size}, flag("current")});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return id_number(a.doc.id) < id_number(b.doc.id); });
  return out;
}

void PresentationFiles::remove(const std::string& internal_id) {
  asio::post(worker_, [dir = root_ / internal_id] {
    std::error_code ec;
    fs::remove_all(dir, ec);
  });
}

}  // namespace bluemeet::node
