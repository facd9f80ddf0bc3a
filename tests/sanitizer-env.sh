# tests/sanitizer-env.sh: sourced by the runners that matter under the sanitizers, for when they
# run outside make (the Makefile's SAN_ENV sets the same): leaks on, library leaks suppressed by
# tests/lsan.supp, a sanitizer report exits 86. Run from the repository root.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=86}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0:exitcode=86}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=86}
