#!/usr/bin/env bash
# JMH benchmarks of the DNS responder with allocation rates.
# Usage: scripts/bench/jmh.sh [JMH args...]   default: DnsResponderBench -prof gc
# The benchmarks are test sources (src/test/java/**/*Bench.java), compiled by every ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
[ $# -gt 0 ] || set -- DnsResponderBench -prof gc
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "$@"
