# Sourced by build.sh, run.sh, stem.sh and retrieval.sh: one place for paths, dependency
# installation and the staleness check.

LUCENE_BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_DIR=$LUCENE_BENCH_DIR/build
# Pinned to the exact version the results are labelled with (lucene-8.7).
JAR_DIR=/usr/share/java
LUCENE_JARS=$JAR_DIR/lucene-core-8.7.0.jar:$JAR_DIR/lucene-analyzers-common-8.7.0.jar
RUN_CP=$BUILD_DIR:$LUCENE_JARS

# apt output goes to stderr so stdout stays a single JSON line for callers.
apt_install() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "error: need Debian package(s) $*, but not root and no sudo;" \
                 "install them with: apt-get install -y $*" >&2
            exit 2
        fi
        sudo=(sudo)
    fi
    echo "installing $* ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    # A fresh container may have empty package lists: retry once after update.
    "${sudo[@]}" apt-get install -y "$@" >&2 ||
        { "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" apt-get install -y "$@" >&2; }
}

ensure_deps() {
    if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
        apt_install default-jdk-headless || apt_install openjdk-17-jdk-headless || {
            echo "error: could not install a JDK (default-jdk-headless / openjdk-17-jdk-headless)" >&2
            exit 2
        }
    fi
    local jar
    for jar in ${LUCENE_JARS//:/ }; do
        if [ ! -f "$jar" ]; then
            apt_install liblucene8-java || { echo "error: could not install liblucene8-java" >&2; exit 2; }
            break
        fi
    done
    for jar in ${LUCENE_JARS//:/ }; do
        [ -f "$jar" ] || { echo "error: $jar missing even after installing liblucene8-java" >&2; exit 2; }
    done
}

build() {
    ensure_deps
    mkdir -p "$BUILD_DIR"
    javac -encoding UTF-8 -d "$BUILD_DIR" -cp "$LUCENE_JARS" "$LUCENE_BENCH_DIR"/*.java
    # The stamp, not the class files, records a successful build of all sources.
    touch "$BUILD_DIR/.stamp"
}

build_if_stale() {
    local src
    for src in "$LUCENE_BENCH_DIR"/*.java; do
        if [ ! -e "$BUILD_DIR/.stamp" ] || [ "$src" -nt "$BUILD_DIR/.stamp" ]; then
            build
            return
        fi
    done
    ensure_deps # the jars are also needed at run time
}
