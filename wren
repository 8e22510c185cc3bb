#!/usr/bin/env bash
# Wren launcher: ./wren run | ./wren test | ./wren build | ./wren bench <BenchmarkClass>
#   WREN_DATA       data directory (default ./data): outbox, configuration (config/), console password
#   WREN_CACHE      rebuildable files: framework bundle cache and CDS archive, about 95 MB
#                   (default: beside the data directory, <WREN_DATA>-cache, so a small data partition
#                   mounted at WREN_DATA never holds them)
#   WREN_HTTP_HOST  address the web console listens on (default 127.0.0.1; 0.0.0.0 = every address)
#   WREN_HTTP_PORT  web console port over plain HTTP (default 8080)
#   WREN_HTTPS      auto (default: HTTPS when WREN_HTTP_HOST is not loopback), on or off; WREN_HTTPS_PORT
#                   (default 8443), WREN_HTTPS_KEYSTORE and WREN_HTTPS_KEYSTORE_PASSWORD_FILE: docs/security.md
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
    (cd "$here" && mvn -B -q -DskipTests install -pl distribution,features/tests -am "$@")
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

# What the tests use beyond Java 17 and Maven, as "command Debian-package" pairs: real brokers, TLS
# certificates, the checks of the Debian package, and a real browser for the dashboard.
TEST_NEEDS=(
    "mosquitto mosquitto"
    "openssl openssl"
    "curl curl"
    "lintian lintian"
    "systemd-analyze systemd"
    "systemd-nspawn systemd-container"
    "unshare util-linux"
    "ip iproute2"
    "chromium chromium"
    "chromedriver chromium-driver"
)

# What the benchmarks use beyond the tests' needs: the packet filter (MembershipBenchmark counts bytes
# and drops datagrams with it, as root).
BENCH_NEEDS=(
    "mosquitto mosquitto"
    "iptables iptables"
)

# Installs with apt what the tests need and the machine lacks, saying so; fails naming it when it cannot.
test_setup() {
    setup "wren test" tests "${TEST_NEEDS[@]}"
}

# setup <who> <what> <command-package pairs...>
setup() {
    local who=$1 what=$2 need=() pair cmd pkg
    shift 2
    for pair in "$@"; do
        cmd=${pair% *} pkg=${pair#* }
        command -v "$cmd" >/dev/null || [ -x "/usr/sbin/$cmd" ] || [ -x "/sbin/$cmd" ] || need+=("$pkg")
    done
    [ ${#need[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || {
            echo "$who: the $what need the Debian packages ${need[*]}; install them as root" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || {
        echo "$who: the $what need ${need[*]} (Debian package names) and this machine has no apt-get" >&2
        exit 1
    }
    echo "$who: installing what the $what need: ${need[*]}" >&2
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
}

tests() {
    cd "$here"
    test_setup
    # the tests run ONNX Runtime in-process: its telemetry stays off only if this is set at start
    export ORT_DISABLE_TELEMETRY=1
    mvn -B clean install "$@"
    # arm64: the built package installed and run under qemu user-mode emulation (root): docs/arm64.md
    bash "$here/distribution/arm64/smoke"
    bash "$here/.ci/count-tests"
}

# Runs a benchmark's main class by its simple name from the module that holds it, e.g.
# ./wren bench StartupBenchmark -Druns=5 (after ./wren test or ./wren build has installed the modules)
bench() {
    local name=${1:?usage: ./wren bench <BenchmarkClass> [-Dname=value ...]}
    shift
    local file module class
    file=$(cd "$here" && find . -path "*/target" -prune -o -path "*/src/test/java/*/$name.java" -print | head -1)
    [ -n "$file" ] || { echo "wren bench: no benchmark class $name under */src/test/java" >&2; exit 2; }
    file=${file#./}
    module=${file%%/src/test/java/*}
    class=${file#*/src/test/java/}
    class=${class%.java}
    class=${class//\//.}
    [ -f "$jar" ] || build
    setup "wren bench" benchmarks "${BENCH_NEEDS[@]}"
    export ORT_DISABLE_TELEMETRY=1
    cd "$here" && exec mvn -q -f "$module/pom.xml" test-compile exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass="$class" "$@"
}

case "${1:-}" in
    run) shift; run "$@" ;;
    test) shift; tests "$@" ;;
    build) shift; build "$@" ;;
    bench) shift; bench "$@" ;;
    *) echo "usage: ./wren run | test | build | bench <BenchmarkClass> [-Dname=value ...]" >&2; exit 2 ;;
esac
