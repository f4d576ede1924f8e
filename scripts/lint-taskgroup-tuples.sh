#!/usr/bin/env bash
# Refuses a task group whose child result is a tuple. Swift 6.3.1 at -O miscompiles such a group
# when the child returns from more than one path (docs/regressions/taskgroup-tuple-miscompile.swift):
# the release binary corrupts its heap while debug builds and the test suite stay green.
# Return a struct or a final class from the child instead.
set -euo pipefail
cd "$(dirname "$0")/.."
roots=("${@:-Sources Tests}")
# shellcheck disable=SC2068
hits=$(find ${roots[@]} -name '*.swift' -print0 | xargs -0 perl -0777 -ne '
    while (/(with(?:Throwing|Discarding|ThrowingDiscarding)?TaskGroup\s*\(\s*of:\s*\(|(?:Throwing)?TaskGroup\s*<\s*\()/g) {
        my $line = 1 + (() = substr($_, 0, pos($_)) =~ /\n/g);
        print "$ARGV:$line: task group child type is a tuple\n";
    }' || true)
if [ -n "$hits" ]; then
    echo "$hits"
    echo "lint-taskgroup-tuples: a task group's child returns a tuple; Swift 6.3.1 -O miscompiles this (see docs/regressions/taskgroup-tuple-miscompile.swift). Return a struct or a final class." >&2
    exit 1
fi
echo "lint-taskgroup-tuples: no task group returns a tuple"
