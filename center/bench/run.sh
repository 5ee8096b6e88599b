#!/bin/sh
# The speed benchmark of issue 10 (docs/performance.md): builds the reactor's classes (offline if the dependencies
# are in ~/.m2; never installs anything), then runs jp.hokensho.center.bench.VerificationBenchmark from center's test
# classpath in one JVM. Any -D argument is passed to the benchmark, e.g.
#   center/bench/run.sh -Dbench.paths=stock,pre-stored -Dbench.concurrency=16,32
# Environment: BENCH_HEAP (default 1g), BENCH_DIR (default center/target/bench-data: the hashed users, kept between
# runs), MAVEN_ARGS (default -o: offline).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -B -q ${MAVEN_ARGS--o} -pl center -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# Reactor modules resolve to their target/classes in the build above, never to jars another build installed.
exec java -Xmx"${BENCH_HEAP:-1g}" \
    -cp "center/target/test-classes:center/target/classes:$(cat center/target/bench.classpath)" \
    -Dbench.dir="${BENCH_DIR:-center/target/bench-data}" "$@" jp.hokensho.center.bench.VerificationBenchmark
