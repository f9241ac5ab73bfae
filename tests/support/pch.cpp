// Translation unit that owns the shared precompiled header (see tests/CMakeLists.txt).
