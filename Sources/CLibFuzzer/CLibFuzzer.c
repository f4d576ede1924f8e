// Declarations only: the driver comes from compiler-rt when built with -sanitize=fuzzer.
#include "CLibFuzzer.h"
