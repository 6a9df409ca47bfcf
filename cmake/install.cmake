# Installs libcapsearch (shared and static), the public headers, a CMake package and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS capsearch capsearch_static EXPORT capsearchTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/capsearch DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS capsearch_xapian EXPORT capsearchTargets)
install(EXPORT capsearchTargets NAMESPACE capsearch:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/capsearch)

configure_package_config_file(cmake/capsearchConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/capsearchConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/capsearch)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/capsearchConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/capsearchConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/capsearchConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/capsearch)

configure_file(cmake/capsearch.pc.in ${CMAKE_CURRENT_BINARY_DIR}/capsearch.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/capsearch.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
