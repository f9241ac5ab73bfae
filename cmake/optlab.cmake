# Helpers shared by lib/, tests/, plots/ and bench/.

# Warnings on everywhere; errors in CI (LAB_WERROR=ON).
function(optlab_warnings target)
  # -Wno-missing-field-initializers: designated initialisers of option structs ({.gtol = 1e-8})
  # leave the other members at their defaults on purpose.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers
                         $<$<BOOL:${LAB_WERROR}>:-Werror>)
endfunction()

# Reads lessons/manifest.txt (the curriculum, one lesson a line: "NN<TAB>slug<TAB>source.cpp<TAB>title")
# into OPTLAB_LESSON_IDS and, per id, OPTLAB_LESSON_<id>_SLUG / _SOURCE / _TITLE.
function(optlab_read_manifest)
  set(manifest "${CMAKE_SOURCE_DIR}/lessons/manifest.txt")
  set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  file(STRINGS "${manifest}" lines REGEX "^[0-9][0-9]\t")
  set(ids "")
  foreach(line IN LISTS lines)
    string(REPLACE "\t" ";" fields "${line}")
    list(GET fields 0 id)
    list(GET fields 1 slug)
    list(GET fields 2 source)
    list(GET fields 3 title)
    list(APPEND ids ${id})
    set(OPTLAB_LESSON_${id}_SLUG "${slug}" PARENT_SCOPE)
    set(OPTLAB_LESSON_${id}_SOURCE "${source}" PARENT_SCOPE)
    set(OPTLAB_LESSON_${id}_TITLE "${title}" PARENT_SCOPE)
  endforeach()
  set(OPTLAB_LESSON_IDS ${ids} PARENT_SCOPE)
endfunction()

# Registers every BOOST_AUTO_TEST_CASE(name) found in `sources` as its own ctest test
# "<prefix><name>", so a crash or an infinite loop (TIMEOUT) fails that test alone.
# Test cases must sit at file scope (no BOOST_AUTO_TEST_SUITE) for this to find them.
function(optlab_register_tests target prefix labels timeout)
  set(sources ${ARGN})
  foreach(src IN LISTS sources)
    set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${src}")
    file(STRINGS "${src}" lines REGEX "^[ \t]*BOOST_AUTO_TEST_CASE\\(")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*BOOST_AUTO_TEST_CASE\\([ \t]*([A-Za-z0-9_]+).*$" "\\1" name "${line}")
      add_test(NAME "${prefix}${name}"
               COMMAND ${target} --run_test=${name} --log_level=error --report_level=no --color_output=no)
      set_tests_properties("${prefix}${name}" PROPERTIES
        LABELS "${labels}" TIMEOUT ${timeout}
        ENVIRONMENT "OPENBLAS_NUM_THREADS=1;OPTLAB_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
    endforeach()
  endforeach()
endfunction()

# A lesson listed in the manifest but not complete still gets a test_<id> target, one that fails
# with the reason, so `lab` reports that lesson alone and builds the others.
function(optlab_incomplete_lesson id reason)
  message(STATUS "lesson ${id}: ${reason}")
  add_custom_target(test_${id} COMMAND ${CMAKE_COMMAND} -E echo "lesson ${id} is incomplete: ${reason}"
                    COMMAND ${CMAKE_COMMAND} -E false)
endfunction()

# One lesson = one static library (the selected track's .cpp compiled against the contract
# header in lessons/NN_slug/) + one test executable.  Lessons link lib only, never each other.
function(optlab_add_lesson id)
  set(slug "${OPTLAB_LESSON_${id}_SLUG}")
  set(source "${OPTLAB_LESSON_${id}_SOURCE}")
  set(dir "${id}_${slug}")
  if(LAB_TRACK STREQUAL "solutions")
    set(impl "${CMAKE_SOURCE_DIR}/solutions/${dir}/${source}")
  else()
    set(impl "${CMAKE_SOURCE_DIR}/lessons/${dir}/${source}")
  endif()
  if(NOT EXISTS "${impl}")
    optlab_incomplete_lesson(${id} "${impl} is missing")
    return()
  endif()
  add_library(lesson_${id} STATIC "${impl}")
  target_include_directories(lesson_${id} PUBLIC "${CMAKE_SOURCE_DIR}/lessons/${dir}")
  target_link_libraries(lesson_${id} PUBLIC optlab)
  optlab_warnings(lesson_${id})
  # Stubs name their parameters for the student but do not use them yet.
  target_compile_options(lesson_${id} PRIVATE -Wno-unused-parameter)
  # The shared precompiled header (Armadillo + lib) makes the edit-to-result loop fast.
  target_link_libraries(lesson_${id} PRIVATE optlab_harness)
  target_precompile_headers(lesson_${id} REUSE_FROM optlab_harness)

  file(GLOB tests CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/lessons/${dir}/*.cpp")
  if(NOT tests)
    optlab_incomplete_lesson(${id} "there are no tests in tests/lessons/${dir}")
    return()
  endif()
  # Tests compile once into an object library, shared by the lesson and all its mutants.
  add_library(lesson_${id}_tests OBJECT ${tests})
  target_link_libraries(lesson_${id}_tests PUBLIC optlab_harness)
  target_include_directories(lesson_${id}_tests PRIVATE "${CMAKE_SOURCE_DIR}/lessons/${dir}")
  target_compile_definitions(lesson_${id}_tests PRIVATE OPTLAB_LESSON="${dir}")
  target_precompile_headers(lesson_${id}_tests REUSE_FROM optlab_harness)
  target_compile_options(lesson_${id}_tests PRIVATE ${OPTLAB_TEST_COPTS})
  optlab_warnings(lesson_${id}_tests)

  add_executable(test_${id})
  target_link_libraries(test_${id} PRIVATE lesson_${id}_tests lesson_${id} optlab_test_main)
  optlab_register_tests(test_${id} "${dir}/" "lesson;L${id}" 60 ${tests})

  # Mutants: tests/mutants/<dir>/<mistake>.patch is a unified diff against the solution; the build
  # applies it (so a mutant never drifts from the solution it corrupts) and links the lesson's
  # tests against the result.  ./lab check builds them (target `mutants`) and expects failures.
  if(LAB_MUTANTS AND EXISTS "${CMAKE_SOURCE_DIR}/solutions/${dir}/${source}")
    file(GLOB patches CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/mutants/${dir}/*.patch")
    file(GLOB copies CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/mutants/${dir}/*.cpp")
    if(patches AND NOT OPTLAB_PATCH)
      message(STATUS "mutants need the 'patch' program (Debian package patch); they are not built")
      set(patches "")
    endif()
    foreach(m IN LISTS patches copies)
      get_filename_component(mname "${m}" NAME_WE)
      get_filename_component(mext "${m}" EXT)
      if(mext STREQUAL ".patch")
        set(msrc "${CMAKE_CURRENT_BINARY_DIR}/mutants/${dir}/${mname}.cpp")
        add_custom_command(OUTPUT "${msrc}"
          COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/mutants/${dir}"
          COMMAND ${OPTLAB_PATCH} --quiet --batch -o "${msrc}" "${CMAKE_SOURCE_DIR}/solutions/${dir}/${source}" "${m}"
          DEPENDS "${m}" "${CMAKE_SOURCE_DIR}/solutions/${dir}/${source}"
          COMMENT "mutant ${dir}/${mname}: applying ${mname}.patch to the solution")
      else()
        set(msrc "${m}")
      endif()
      add_library(mutant_${id}_${mname} STATIC EXCLUDE_FROM_ALL "${msrc}")
      target_include_directories(mutant_${id}_${mname} PUBLIC "${CMAKE_SOURCE_DIR}/lessons/${dir}")
      target_link_libraries(mutant_${id}_${mname} PUBLIC optlab PRIVATE optlab_harness)
      target_compile_options(mutant_${id}_${mname} PRIVATE -Wno-unused-parameter)
      target_precompile_headers(mutant_${id}_${mname} REUSE_FROM optlab_harness)
      add_executable(mutant_test_${id}_${mname} EXCLUDE_FROM_ALL)
      target_link_libraries(mutant_test_${id}_${mname} PRIVATE lesson_${id}_tests
                            mutant_${id}_${mname} optlab_test_main)
      add_dependencies(mutants mutant_test_${id}_${mname})
    endforeach()
  endif()
endfunction()
