// Where a node keeps its meetings' documents: <data>/presentations/<internal
// meeting ID>/<docId> with <docId>.json beside it (name, kind, flags), so a
// restarted node offers a restored meeting's documents again. Decoding,
// hashing through and writing tens of megabytes happens on a worker thread,
// downloads on the node's event loop (asynchronous); the meeting's state is
// only touched by the caller.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "net/http_client.h"
#include "node/presentation.h"

namespace bluemeet::node {

struct StoredDocument {
  PresentationDoc doc;
  bool current = false;
};

class PresentationFiles {
 public:
  PresentationFiles(boost::asio::any_io_executor io, std::filesystem::path root);
  ~PresentationFiles();

  // parse_modules, off the event loop.
  boost::asio::awaitable<std::variant<ParsedModules, ModulesError>> parse(const std::string& xml);
  // Fetches a URL document (30 s, redirects followed, size-limited); a
  // failure is logged and gives nothing, as BBB shows no failed conversion.
  boost::asio::awaitable<void> fetch(DocumentSource& source);
  // Stores one document as `id` of the meeting; nullopt (logged) when its
  // bytes are no kind the node shows or the disk refuses it.
  boost::asio::awaitable<std::optional<StoredDocument>> store(const std::string& internal_id, const std::string& id,
                                                              DocumentSource& source);  // takes its bytes

  std::filesystem::path file(const std::string& internal_id, const std::string& doc_id) const;
  std::vector<StoredDocument> load(const std::string& internal_id) const;  // in id order
  void remove(const std::string& internal_id);                             // on the worker

 private:
  std::filesystem::path root_;
  boost::asio::thread_pool worker_{1};
  net::HttpClient http_;
};

}  // namespace bluemeet::node
