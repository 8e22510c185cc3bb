#!/usr/bin/env bash
# Wren launcher: ./wren run | ./wren test | ./wren build
#   WREN_DATA       data directory (default ./data): outbox, configuration (config/), console password
#   WREN_CACHE      rebuildable files: framework bundle cache and CDS archive, about 65 MB
#                   (default: beside the data directory, <WREN_DATA>-cache, so a small data partition
#                   mounted at WREN_DATA never holds them)
#   WREN_HTTP_PORT  web console port on 127.0.0.1 (default 8080)
#   WREN_JAVA_OPTS  JVM options (default: small-footprint flags for a 1 GB board)
#   WREN_CDS        1 (default) keeps a class data sharing archive in $WREN_CACHE/cds; 0 disables it
#   WREN_CONFIG     default configuration applied once per data directory (default ./config)
#   WREN_LOG_LEVEL  lowest level logged: ERROR, WARN, INFO (default) or DEBUG
#   WREN_JAVA       the java command (default: java on the PATH)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$here/distribution/target/wren.jar

# install, not package: the benchmark commands in docs/ build one module against what this leaves
# in the local Maven repository; features/tests brings every deployment package (features/*/target/*.dp)
build() {
    (cd "$here" && mvn -B -q -DskipTests install -pl distribution,features/tests -am)
}

run() {
    command -v "${WREN_JAVA:-java}" >/dev/null || { echo "wren: java (17 or newer) is not on the PATH" >&2; exit 1; }
    [ -f "$jar" ] || build
    # the launch logic (JVM flags, class data sharing, permissions, the 64-bit check) is the one the
    # Debian package's service runs: distribution/src/main/sh/wren-launch, installed as /usr/lib/wren/wren-launch
    local data=${WREN_DATA:-$here/data}
    WREN_JAR=$jar WREN_DATA=$data WREN_CACHE=${WREN_CACHE:-${data%/}-cache} WREN_CONFIG=${WREN_CONFIG:-$here/config} \
        exec "$here/distribution/src/main/sh/wren-launch" "$@"
}

tests() {
    cd "$here"
    # the tests run ONNX Runtime in-process: its telemetry stays off only if this is set at start
    export ORT_DISABLE_TELEMETRY=1
    mvn -B clean install "$@"
    bash "$here/.ci/count-tests"
}

case "${1:-}" in
    run) shift; run "$@" ;;
    test) shift; tests "$@" ;;
    build) shift; build "$@" ;;
    *) echo "usage: ./wren run | test | build" >&2; exit 2 ;;
esac
