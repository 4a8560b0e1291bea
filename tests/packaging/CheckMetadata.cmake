# SPDX-License-Identifier: GPL-3.0-or-later
# Keeps the desktop entry, the AppStream metainfo and the project in step: the metainfo's newest release is the
# project version, its launchable names the installed desktop file, and the desktop entry starts the galvani
# executable with the icon installed under the application ID.
#   cmake -DPACKAGING_DIR=<repo>/packaging -DAPP_ID=<id> -DVERSION=<x.y.z> -P CheckMetadata.cmake

cmake_minimum_required(VERSION 3.25)

foreach(_var PACKAGING_DIR APP_ID VERSION)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "CheckMetadata.cmake: ${_var} is not set")
  endif()
endforeach()
set(_problems "")

file(READ "${PACKAGING_DIR}/${APP_ID}.metainfo.xml" _meta)
if(NOT _meta MATCHES "<id>${APP_ID}</id>")
  list(APPEND _problems "metainfo <id> is not ${APP_ID}")
endif()
if(NOT _meta MATCHES "<launchable type=\"desktop-id\">${APP_ID}\\.desktop</launchable>")
  list(APPEND _problems "metainfo launchable is not ${APP_ID}.desktop")
endif()
if(NOT _meta MATCHES "<project_license>GPL-3\\.0-or-later</project_license>")
  list(APPEND _problems "metainfo project_license is not GPL-3.0-or-later")
endif()
# Releases are listed newest first.
if(NOT _meta MATCHES "<release version=\"([^\"]+)\"")
  list(APPEND _problems "metainfo has no release")
elseif(NOT CMAKE_MATCH_1 STREQUAL VERSION)
  list(APPEND _problems "metainfo's newest release is ${CMAKE_MATCH_1}, the project is ${VERSION}: add a <release>")
endif()

file(STRINGS "${PACKAGING_DIR}/galvani.desktop" _desktop)
foreach(_want "Type=Application" "Exec=galvani" "Icon=${APP_ID}" "Terminal=false")
  if(NOT _want IN_LIST _desktop)
    list(APPEND _problems "galvani.desktop lacks '${_want}'")
  endif()
endforeach()

if(_problems)
  list(JOIN _problems "\n  " _report)
  message(FATAL_ERROR "packaging metadata out of step:\n  ${_report}")
endif()
