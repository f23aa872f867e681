#include "recording/tar_extract.h"

#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace bluemeet::recording {
namespace fs = std::filesystem;

namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

ExtractResult failure(ExtractError e, std::string message) {
  ExtractResult r;
  r.error = e;
  r.message = std::move(message);
  return r;
}

ExtractResult io_failure(int err, const std::string& what) {
  bool full = err == ENOSPC || err == EDQUOT;
  return failure(full ? ExtractError::no_space : ExtractError::io, what + ": " + std::strerror(err));
}

// Splits an entry's path into components, refusing anything that could leave
// `dest` or that a later step could misread.
bool split_safe(std::string_view path, std::vector<std::string>& parts) {
  parts.clear();
  if (path.empty() || path.front() == '/') return false;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == ".." || part.size() > 255) return false;
    for (unsigned char c : part)
      if (c < 0x20 || c == 0x7f || c == '\\') return false;
    parts.emplace_back(part);
  }
  return !parts.empty();
}

}  // namespace

void fsync_directory(const fs::path& dir) {
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd >= 0) ::fsync(d.fd);
}

ExtractResult extract_tar(const fs::path& tar, const fs::path& dest, const ExtractLimits& limits) {
  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_filter_none(a.get());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_filename(a.get(), tar.c_str(), 1 << 16) != ARCHIVE_OK)
    return failure(ExtractError::corrupt, std::string("cannot open the tar: ") + archive_error_string(a.get()));
  std::error_code ec;
  if (!fs::create_directory(dest, ec) || ec) return io_failure(ec ? ec.value() : EEXIST, "cannot create " + dest.string());

  ExtractResult result;
  std::vector<std::string> parts;
  std::vector<char> buffer(1 << 16);
  std::size_t entries = 0;
  for (;;) {
    archive_entry* e = nullptr;
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
      return failure(ExtractError::corrupt, std::string("unreadable tar: ") + archive_error_string(a.get()));
    if (++entries > limits.max_entries) return failure(ExtractError::hostile, "too many entries");
    const char* raw_path = archive_entry_pathname(e);
    std::string name = raw_path ? raw_path : "";
    if (!split_safe(name, parts) || parts.size() > limits.max_depth)
      return failure(ExtractError::hostile, "forbidden path in the tar: " + name);
    auto type = archive_entry_filetype(e);
    if (archive_entry_hardlink(e) || archive_entry_symlink(e) || (type != AE_IFREG && type != AE_IFDIR))
      return failure(ExtractError::hostile, "a link, device or FIFO in the tar: " + name);
    fs::path target = dest;
    for (const auto& p : parts) target /= p;
    if (type == AE_IFDIR) {
      fs::create_directories(target, ec);
      if (ec) return io_failure(ec.value(), "cannot create " + target.string());
      continue;
    }
    auto declared = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
    if (declared < 0 || static_cast<std::uint64_t>(declared) > limits.max_entry_bytes ||
        result.bytes + static_cast<std::uint64_t>(declared) > limits.max_total_bytes)
      return failure(ExtractError::hostile, "an entry over the size limits: " + name);
    fs::create_directories(target.parent_path(), ec);
    if (ec) return io_failure(ec.value(), "cannot create " + target.parent_path().string());
    // O_EXCL and O_NOFOLLOW: a name given twice, or a path through anything
    // but the directories made here, is refused rather than followed.
    Fd out{::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)};
    if (out.fd < 0) {
      if (errno == EEXIST) return failure(ExtractError::hostile, "an entry given twice: " + name);
      return io_failure(errno, "cannot create " + target.string());
    }
    std::uint64_t written = 0;
    for (;;) {
      auto n = archive_read_data(a.get(), buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) return failure(ExtractError::corrupt, std::string("unreadable tar: ") + archive_error_string(a.get()));
      written += static_cast<std::uint64_t>(n);
      if (written > limits.max_entry_bytes || result.bytes + written > limits.max_total_bytes)
        return failure(ExtractError::hostile, "an entry over the size limits: " + name);
      for (const char* p = buffer.data(); n > 0;) {
        auto w = ::write(out.fd, p, static_cast<std::size_t>(n));
        if (w < 0) {
          if (errno == EINTR) continue;
          return io_failure(errno, "cannot write " + target.string());
        }
        p += w;
        n -= w;
      }
    }
    if (::fsync(out.fd) != 0) return io_failure(errno, "cannot write " + target.string());
    result.bytes += written;
    ++result.files;
  }
  return result;
}

}  // namespace bluemeet::recording
