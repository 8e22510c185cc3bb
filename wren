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
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$here/distribution/target/wren.jar

# install, not package: the benchmark commands in docs/ build one module against what this leaves
# in the local Maven repository; features/tests brings every deployment package (features/*/target/*.dp)
build() {
    (cd "$here" && mvn -B -q -DskipTests install -pl distribution,features/tests -am)
}

run() {
    command -v java >/dev/null || { echo "wren: java (17 or newer) is not on the PATH" >&2; exit 1; }
    [ -f "$jar" ] || build
    local data=${WREN_DATA:-$here/data}
    local cache=${WREN_CACHE:-${data%/}-cache}
    # Secrets live in the data directory (the console password, Config Admin's files with cluster.keys and
    # the uplink password): whatever the gateway creates is its user's only (files 0600, directories 0700),
    # and what an earlier start left readable to others is tightened now.
    umask 077
    mkdir -p "$data" "$cache"
    chmod -R go= "$data" || echo "wren: could not make $data readable by its owner only" >&2
    chmod go= "$cache" || true
    # earlier launchers kept the archive in the data directory (the framework storage there is
    # moved out by the launcher itself, after it has taken the configuration from it)
    [ "$cache" -ef "$data" ] || rm -rf "$data/cds"
    # Class data sharing: the first run records the classes it loaded into an archive at exit,
    # later runs map it and start faster. The archive is keyed to this jar, this JVM and its options.
    local cds=()
    if [ "${WREN_CDS:-1}" = 1 ]; then
        local javabin key archive
        javabin=$(readlink -f "$(command -v java)")
        key=$( { stat -c '%s %Y' "$jar" "$javabin"; echo "$javabin ${WREN_JAVA_OPTS:-}"; } | cksum | cut -d' ' -f1)
        archive="$cache/cds/wren-$key.jsa"
        mkdir -p "$cache/cds"
        if [ -f "$archive" ]; then
            cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
        else
            rm -f "$cache"/cds/wren-*.jsa
            cds=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
        fi
    fi
    local gosh=--nointeractive
    [ -t 0 ] && gosh=
    # ONNX Runtime uploads telemetry unless this is set before the JVM starts
    export ORT_DISABLE_TELEMETRY=1
    # shellcheck disable=SC2086
    exec java ${WREN_JAVA_OPTS:--Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:MaxMetaspaceSize=64m} \
        "${cds[@]}" \
        -Dwren.data.dir="$data" \
        -Dlaunch.storage.dir="$cache/framework" \
        -Dfelix.cm.dir="$data/config" \
        -Dwren.config.defaults="${WREN_CONFIG:-$here/config}" \
        -Dorg.osgi.service.log.admin.loglevel="${WREN_LOG_LEVEL:-INFO}" \
        -Dorg.osgi.service.http.port="${WREN_HTTP_PORT:-8080}" \
        -Dgosh.args="$gosh" \
        -jar "$jar" "$@"
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
