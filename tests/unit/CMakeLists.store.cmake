# Unit tests of src/store. Included from tests/unit/CMakeLists.txt, which is
# expected to have found GTest and included GoogleTest. The PostgreSQL cases
# run only when BLUEMEET_TEST_PG_URL is set (see the top of store_test.cc).
add_executable(unit_store ${CMAKE_CURRENT_LIST_DIR}/store_test.cc)
target_link_libraries(unit_store PRIVATE
  bluemeet_store bluemeet_asio PostgreSQL::PostgreSQL GTest::gtest_main)
gtest_discover_tests(unit_store)
