# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the layering check on a fixture tree that breaks its rules and asserts that it fails and names every
# expected violation. Arguments: -DCHECK=<tool> -DROOT=<fixture> -DQT_INCLUDE=<dir> -DEXPECT=<a;b;...> -DCOUNT=<n>
execute_process(COMMAND ${CHECK} ${ROOT} --qt-include-dir ${QT_INCLUDE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "layering-check exited ${rc} on a tree with forbidden includes; expected 1")
endif()
foreach(needle IN LISTS EXPECT)
  string(FIND "${out}" "${needle}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "layering-check did not report: ${needle}")
  endif()
endforeach()
if(NOT out MATCHES " ${COUNT} violation\\(s\\)")
  message(FATAL_ERROR "layering-check did not count ${COUNT} violations")
endif()
