// Prometheus histograms for request latency, by API call. Label values come
// from a fixed set (the BBB calls), so the series cannot grow without bound.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace bluemeet::gateway {

class LatencyHistogram {
 public:
  static constexpr std::array<double, 13> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,    0.25,  0.5,    1,     2.5,  5};
  void observe(std::string_view call, double seconds);
  // Appends the text exposition of `name` (with HELP and TYPE lines).
  void render(std::string& out, std::string_view name, std::string_view help) const;

 private:
  struct Series {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t total = 0;
    double sum = 0;
  };
  std::map<std::string, Series, std::less<>> series_;
};

}  // namespace bluemeet::gateway
