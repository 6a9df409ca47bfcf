# Installs libcapsearch (shared and static), the public headers, a CMake package and a pkg-config file;
# the capsearch program with its compiled lexicon, man page and bash completion.
include(CMakePackageConfigHelpers)

# The public headers need C++17 (std::optional); say so, so consumers need not guess.
target_compile_features(capsearch PUBLIC cxx_std_17)
target_compile_features(capsearch_static PUBLIC cxx_std_17)

install(TARGETS capsearch capsearch_static EXPORT capsearchTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
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

# The .pc file finds the prefix relative to itself, so `cmake --install --prefix ANY` works.
file(RELATIVE_PATH CAPSEARCH_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" CAPSEARCH_PC_TO_PREFIX "${CAPSEARCH_PC_TO_PREFIX}")
configure_file(cmake/capsearch.pc.in ${CMAKE_CURRENT_BINARY_DIR}/capsearch.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/capsearch.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The program carries libcapsearch (CAPSEARCH_STATIC_CLI, cli/CMakeLists.txt); built with
# -DCAPSEARCH_STATIC_CLI=OFF it finds the installed libcapsearch.so through its RPATH (no
# LD_LIBRARY_PATH). It finds its lexicon as ../share/capsearch/lexicon.tsv (default_lexicon_path()).
# The lexicon is the one scripts/quickstart.sh compiles into the build folder; without it the install
# goes on (OPTIONAL) and the program says, when it builds an index, that it has only the built-in core.
# The static program needs no RPATH: an empty entry (CMake pads the build tree's RUNPATH with ':' to
# the install RPATH's length) makes the loader look for libxapian in the working folder, 56 failed
# opens per process, and would load a library planted there.
if(NOT CAPSEARCH_STATIC_CLI)
  set_target_properties(capsearch_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
endif()
install(TARGETS capsearch_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_BINARY_DIR}/lexicon.tsv DESTINATION ${CMAKE_INSTALL_DATADIR}/capsearch OPTIONAL)
install(FILES doc/capsearch.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES doc/capsearch.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME capsearch)
