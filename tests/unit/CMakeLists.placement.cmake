# Unit tests of src/gateway/domain's load, placement and health, with the
# placement-quality simulation. Included from tests/unit/CMakeLists.txt.
add_executable(unit_gateway_placement
  ${CMAKE_CURRENT_LIST_DIR}/load_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/placement_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/health_test.cc)
target_link_libraries(unit_gateway_placement PRIVATE bluemeet_gateway_placement GTest::gtest_main)
gtest_discover_tests(unit_gateway_placement)
