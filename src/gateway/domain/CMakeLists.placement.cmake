# The gateway's pure server logic: load, placement, health. Included from
# src/CMakeLists.txt; paths are relative to this file.
add_library(bluemeet_gateway_placement STATIC
  ${CMAKE_CURRENT_LIST_DIR}/load.cc
  ${CMAKE_CURRENT_LIST_DIR}/placement.cc
  ${CMAKE_CURRENT_LIST_DIR}/health.cc)
target_link_libraries(bluemeet_gateway_placement PUBLIC bluemeet_options bluemeet_util)
