#!/bin/sh
# Runs kafka-ha's benchmarks: builds what they need if it is missing or older than the sources, snapshots the
# built jars (so a rebuild elsewhere in the tree cannot change them mid-run), then runs the benchmark main.
#   bench/run.sh [--no-build] [--rounds N] [--records N] ...     (bench/run.sh --help lists every option)
# Prints the report and writes it to bench/target/results.md.
set -e
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cli_jar="$root/cli/target/kafka-ha.jar"
kafka_home="$root/kafka-home/target/kafka"
bench_jar="$bench/target/kafka-ha-bench.jar"

build=yes
if [ "${1:-}" = --no-build ]; then
    build=no
    shift
fi

if ! command -v "$java" >/dev/null 2>&1; then
    echo "bench: Java not found; install Java 17 or newer and put it on PATH (or set JAVA_HOME)" >&2
    exit 1
fi
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
major=${version%%.*}
if [ "$major" = 1 ] || [ "${major:-0}" -lt 17 ]; then
    echo "bench: Java ${version:-unknown} ($java) is too old; Kafka 4 needs Java 17 or newer" >&2
    exit 1
fi

stale() {
    for built in "$bench_jar" "$cli_jar" "$kafka_home/libs" "$bench/target/lib"; do
        [ -e "$built" ] || return 0
    done
    [ -n "$(find "$root" -path "$root/*/target" -prune -o \( -path '*/src/*' -o -name pom.xml \) \
        \( -newer "$bench_jar" -o -newer "$cli_jar" \) -type f -print | head -n 1)" ]
}

if [ "$build" = yes ] && stale; then
    if ! command -v mvn >/dev/null 2>&1; then
        echo "bench: Maven 3.8+ is needed to build; install it and run this again" >&2
        exit 1
    fi
    echo "bench: building cli, kafka-home and bench (a minute or two; log in bench/target/build.log) ..." >&2
    mkdir -p "$bench/target"
    # shellcheck disable=SC2086 # BENCH_MAVEN_ARGS is a word list, e.g. "-o"
    if ! mvn -B -q -f "$root/pom.xml" -DskipTests ${BENCH_MAVEN_ARGS:-} -pl cli,bench -am package \
            > "$bench/target/build.log" 2>&1; then
        tail -n 30 "$bench/target/build.log" >&2
        echo "bench: the build failed; the whole log is in $bench/target/build.log" >&2
        exit 1
    fi
fi
for built in "$bench_jar" "$cli_jar" "$kafka_home/libs"; do
    if [ ! -e "$built" ]; then
        echo "bench: $built is missing; run without --no-build to build it" >&2
        exit 1
    fi
done

# Both clusters run this one snapshot of the Kafka jars, and kafka-ha this one CLI jar.
run="$bench/target/run"
rm -rf "$run"
mkdir -p "$run"
cp "$cli_jar" "$run/kafka-ha.jar"
cp -R "$kafka_home" "$run/kafka"
chmod +x "$run/kafka/bin/"*.sh
cp "$bench_jar" "$run/"
cp "$root/image/kafka-ha" "$run/kafka-ha-launcher"
cp "$root/charts/kafka-ha/crds/kafkaclusters.kafkaha.io-v1.yml" "$run/"
cp -R "$bench/target/lib" "$run/lib"

cd "$root"
exec "$java" -Xms256m -Xmx1g -cp "$run/kafka-ha-bench.jar:$run/lib/*" io.kafkaha.bench.BenchMain \
    --kafka-ha-jar "$run/kafka-ha.jar" --kafka-home "$run/kafka" --launcher "$run/kafka-ha-launcher" \
    --crd "$run/kafkaclusters.kafkaha.io-v1.yml" "$@"
