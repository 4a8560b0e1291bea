# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb from the current build tree into a scratch folder and checks what it contains.
# Run as a ctest script:
#   cmake -DBUILD_DIR=<build> -DSOURCE_DIR=<repo> -DWORK_DIR=<scratch> -DCPACK_COMMAND=<cpack>
#         -DDPKG_DEB=<dpkg-deb> -DBUILD_TARGETS=<target|…> -DEXPECTED=<path|path|…> -DEXECUTABLES=<path|…>
#         -DSAME_AS_SOURCE=<pkgpath=srcpath|…>
#         -P CheckDeb.cmake
# Paths are as inside the package, without the leading "./". Fails (non-zero exit) on the first problem
# it cannot recover from, otherwise lists every missing or wrong entry at once.

cmake_minimum_required(VERSION 3.25)

foreach(_var BUILD_DIR SOURCE_DIR WORK_DIR CPACK_COMMAND EXPECTED)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "CheckDeb.cmake: ${_var} is not set")
  endif()
endforeach()
if(NOT DPKG_DEB OR NOT EXISTS "${DPKG_DEB}")
  message(FATAL_ERROR "dpkg-deb not found (Debian package dpkg): cannot inspect the .deb")
endif()
if(NOT EXISTS "${BUILD_DIR}/CPackConfig.cmake")
  message(FATAL_ERROR "${BUILD_DIR}/CPackConfig.cmake is missing: packaging/CMakeLists.txt did not include(CPack)")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# cpack packs whatever the build tree holds and, with Ninja, builds nothing first. Bringing the packaged
# executables up to date also re-runs CMake if a CMakeLists.txt changed, so the install rules are current too.
if(BUILD_TARGETS)
  string(REPLACE "|" ";" _targets "${BUILD_TARGETS}")
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target ${_targets}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "building ${_targets} failed (${_rc}):\n${_out}\n${_err}")
  endif()
endif()

execute_process(
  COMMAND "${CPACK_COMMAND}" -G DEB -B "${WORK_DIR}" --config "${BUILD_DIR}/CPackConfig.cmake"
  WORKING_DIRECTORY "${BUILD_DIR}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cpack failed (${_rc}):\n${_out}\n${_err}")
endif()

file(GLOB _debs "${WORK_DIR}/*.deb")
list(LENGTH _debs _count)
if(NOT _count EQUAL 1)
  message(FATAL_ERROR "expected exactly one .deb in ${WORK_DIR}, found ${_count}: ${_debs}\n${_out}")
endif()
list(GET _debs 0 _deb)
message(STATUS "built ${_deb}")

execute_process(COMMAND "${DPKG_DEB}" --contents "${_deb}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _listing ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb --contents failed (${_rc}): ${_err}")
endif()

# One list element per line: "<mode> <owner> <size> <date> <time> ./<path>".
string(REPLACE ";" "\\;" _listing_escaped "${_listing}")
string(REPLACE "\n" ";" _lines "${_listing_escaped}")
set(_problems "")

function(_find_line path out_var)
  set(_found "")
  foreach(_line IN LISTS _lines)
    string(LENGTH "${_line}" _len)
    string(LENGTH " ./${path}" _tail_len)
    if(_len GREATER_EQUAL _tail_len)
      math(EXPR _start "${_len} - ${_tail_len}")
      string(SUBSTRING "${_line}" ${_start} -1 _tail)
      if(_tail STREQUAL " ./${path}")
        set(_found "${_line}")
        break()
      endif()
    endif()
  endforeach()
  set(${out_var} "${_found}" PARENT_SCOPE)
endfunction()

string(REPLACE "|" ";" _expected "${EXPECTED}")
foreach(_path IN LISTS _expected)
  _find_line("${_path}" _line)
  if(_line STREQUAL "")
    list(APPEND _problems "missing: /${_path}")
  endif()
endforeach()

string(REPLACE "|" ";" _executables "${EXECUTABLES}")
foreach(_path IN LISTS _executables)
  _find_line("${_path}" _line)
  if(_line STREQUAL "")
    list(APPEND _problems "missing executable: /${_path}")
  elseif(NOT _line MATCHES "^-rwxr-xr-x root/root ")
    list(APPEND _problems "not an executable owned by root (mode 0755): ${_line}")
  endif()
endforeach()

# Installed files must be the sources, unmodified.
execute_process(COMMAND "${DPKG_DEB}" --extract "${_deb}" "${WORK_DIR}/root" RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb --extract failed (${_rc}): ${_err}")
endif()
string(REPLACE "|" ";" _pairs "${SAME_AS_SOURCE}")
foreach(_pair IN LISTS _pairs)
  string(REPLACE "=" ";" _pair_list "${_pair}")
  list(GET _pair_list 0 _installed)
  list(GET _pair_list 1 _source)
  if(EXISTS "${WORK_DIR}/root/${_installed}")
    file(SHA256 "${WORK_DIR}/root/${_installed}" _a)
    file(SHA256 "${SOURCE_DIR}/${_source}" _b)
    if(NOT _a STREQUAL _b)
      list(APPEND _problems "/${_installed} differs from ${_source}")
    endif()
  endif()
endforeach()

# Control fields.
execute_process(COMMAND "${DPKG_DEB}" --field "${_deb}" Package Section Maintainer Depends
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _fields ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb --field failed (${_rc}): ${_err}")
endif()
foreach(_want "Package: galvani\n" "Section: science\n" "libqt6core6" "libqt6sql6-sqlite")
  string(FIND "${_fields}" "${_want}" _pos)
  if(_pos EQUAL -1)
    string(STRIP "${_want}" _want_shown)
    list(APPEND _problems "control fields lack '${_want_shown}'")
  endif()
endforeach()
if(NOT _fields MATCHES "Maintainer: [^\n<]+ <[^\n>]+@[^\n>]+>")
  list(APPEND _problems "Maintainer is not of the form 'Name <email>'")
endif()

execute_process(COMMAND "${DPKG_DEB}" --info "${_deb}" OUTPUT_VARIABLE _info)
foreach(_script postinst postrm)
  # dpkg-deb marks executable control files with '*': "   312 bytes,  9 lines   *  postinst   #!/bin/sh".
  if(NOT _info MATCHES "\\* +${_script} ")
    list(APPEND _problems "maintainer script ${_script} missing or not executable")
  endif()
endforeach()

if(_problems)
  list(JOIN _problems "\n  " _report)
  message(FATAL_ERROR "the .deb is incomplete:\n  ${_report}\n\nContents:\n${_listing}\nFields:\n${_fields}")
endif()
message(STATUS "the .deb contains every expected file:\n${_listing}")
file(REMOVE_RECURSE "${WORK_DIR}")
