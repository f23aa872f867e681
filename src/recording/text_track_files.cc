#include "recording/text_track_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

#include "recording/tar_extract.h"
#include "util/random.h"

namespace fs = std::filesystem;

namespace bluemeet::recording {
namespace {

constexpr std::uintmax_t kMaxIndexBytes = 1u << 20;

[[noreturn]] void fail(const char* what, const fs::path& p, int err) {
  throw fs::filesystem_error(what, p, std::error_code(err, std::generic_category()));
}

}  // namespace

void write_file_atomic(const fs::path& path, std::string_view content) {
  // A leading dot and a random suffix: never served, never a name another writer uses.
  auto tmp = path.parent_path() / ("." + path.filename().string() + "." + util::random_lower_alnum(8) + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", tmp, errno);
  std::size_t done = 0;
  int err = 0;
  while (done < content.size()) {
    auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err) {
    ::unlink(tmp.c_str());
    fail("cannot write", path, err);
  }
  fsync_directory(path.parent_path());
}

std::vector<TextTrack> read_captions_json(const fs::path& file) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec || size > kMaxIndexBytes) return {};
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_captions_json(text);
}

void TextTrackFiles::write_track(const std::string& record_id, const std::string& file, std::string_view webvtt) const {
  fs::create_directories(dir(record_id));
  write_file_atomic(dir(record_id) / file, webvtt);
}

void TextTrackFiles::write_index(const std::string& record_id, const std::vector<TextTrack>& tracks) const {
  fs::create_directories(dir(record_id));
  write_file_atomic(dir(record_id) / "captions.json", captions_index_json(tracks));
}

void TextTrackFiles::remove(const std::string& record_id) const {
  std::error_code ec;
  fs::remove_all(dir(record_id), ec);
}

}  // namespace bluemeet::recording
