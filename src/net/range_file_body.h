// A Beast body that sends a stretch of a file (a whole playback file, or the
// byte range a browser asked for) straight from disk in 64 KiB reads, so a
// recording's video is never held in memory. Internal to the HTTP server.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>
#include <cerrno>
#include <memory>
#include <utility>

namespace bluemeet::net::detail {

struct RangeFileBody {
  struct value_type {
    std::shared_ptr<int> fd;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;

    // Opens path for reading; false when it cannot be.
    bool open(const char* path) {
      int f = ::open(path, O_RDONLY | O_CLOEXEC);
      if (f < 0) return false;
      fd = std::shared_ptr<int>(new int(f), [](int* p) {
        ::close(*p);
        delete p;
      });
      return true;
    }
  };

  static std::uint64_t size(const value_type& v) { return v.length; }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const boost::beast::http::header<isRequest, Fields>&, const value_type& body)
        : body_(body), pos_(body.offset), left_(body.length) {}

    void init(boost::beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      if (left_ == 0) {
        ec = {};
        return boost::none;
      }
      auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left_, buf_.size()));
      ssize_t n;
      do n = ::pread(*body_.fd, buf_.data(), want, static_cast<off_t>(pos_));
      while (n < 0 && errno == EINTR);
      if (n < 0) {
        ec = boost::beast::error_code(errno, boost::system::generic_category());
        return boost::none;
      }
      if (n == 0) {  // the file shrank under us: the promised length cannot be kept
        ec = boost::beast::http::error::short_read;
        return boost::none;
      }
      pos_ += static_cast<std::uint64_t>(n);
      left_ -= static_cast<std::uint64_t>(n);
      ec = {};
      return {{const_buffers_type(buf_.data(), static_cast<std::size_t>(n)), left_ > 0}};
    }

   private:
    const value_type& body_;
    std::uint64_t pos_;
    std::uint64_t left_;
    std::array<char, 64 * 1024> buf_{};
  };
};

}  // namespace bluemeet::net::detail
