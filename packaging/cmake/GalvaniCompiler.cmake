# SPDX-License-Identifier: GPL-3.0-or-later
# Compiler settings shared by every Galvani target: language level, warnings, hardening, sanitizers.
# Included once from the top-level CMakeLists.txt; targets opt in with galvani_target_defaults().

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

include(CheckPIESupported)
check_pie_supported()

set(CMAKE_RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
set(CMAKE_LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
set(CMAKE_ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)

# The linker: lld when the compiler can use it (about a quarter of the GNU linker's time on our test executables,
# which the build links by the dozen), else the toolchain's default. GALVANI_LINKER=default keeps the default.
set(GALVANI_LINKER "auto" CACHE STRING "Linker: auto (lld when usable), lld, gold or default")
if(GALVANI_LINKER STREQUAL "auto" OR GALVANI_LINKER STREQUAL "lld" OR GALVANI_LINKER STREQUAL "gold")
  set(_galvani_ld "${GALVANI_LINKER}")
  if(_galvani_ld STREQUAL "auto")
    set(_galvani_ld lld)
  endif()
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=${_galvani_ld}" GALVANI_HAVE_LD_${_galvani_ld})
  if(GALVANI_HAVE_LD_${_galvani_ld})
    add_link_options("-fuse-ld=${_galvani_ld}")
  elseif(NOT GALVANI_LINKER STREQUAL "auto")
    message(FATAL_ERROR "GALVANI_LINKER=${GALVANI_LINKER}: the compiler cannot link with -fuse-ld=${_galvani_ld}")
  endif()
elseif(NOT GALVANI_LINKER STREQUAL "default")
  message(FATAL_ERROR "GALVANI_LINKER must be auto, lld, gold or default, not '${GALVANI_LINKER}'")
endif()

# Warnings are errors when CI=true (set by the CI runner) or when asked for explicitly.
if(DEFINED ENV{CI} AND "$ENV{CI}" STREQUAL "true")
  set(GALVANI_WERROR_DEFAULT ON)
else()
  set(GALVANI_WERROR_DEFAULT OFF)
endif()
option(GALVANI_WERROR "Treat warnings as errors" ${GALVANI_WERROR_DEFAULT})

set(GALVANI_SANITIZE_FLAGS "")
if(GALVANI_SANITIZE)
  string(REPLACE ";" "," _galvani_san "${GALVANI_SANITIZE}")
  set(GALVANI_SANITIZE_FLAGS -fsanitize=${_galvani_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${GALVANI_SANITIZE_FLAGS})
  add_link_options(${GALVANI_SANITIZE_FLAGS})
endif()

# Applies the project's warning, hardening and Qt settings to one target.
function(galvani_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -fstack-protector-strong)
  if(GALVANI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # _FORTIFY_SOURCE needs optimisation; without it glibc warns, which -Werror would turn fatal.
  if(NOT GALVANI_SANITIZE)
    target_compile_definitions(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII QT_NO_FOREACH
    QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING)
  target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now)
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "EXECUTABLE")
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
endfunction()

# Fuzz builds instrument every library for coverage; the fuzz targets add the libFuzzer main themselves.
if(GALVANI_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
