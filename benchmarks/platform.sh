#!/usr/bin/env bash
# Platform benchmark: for the built distribution, measures
#   1. cold start: bin/start until GET /api/health answers 200,
#   2. hot install: feature:install of a capability until it is listed by GET /api/capabilities,
#   3. idle RSS of the Karaf JVM after start and install.
# Each is measured RUNS times on a fresh copy; the same is done for the stock Apache Karaf of the
# same version (the baseline, started in the same way), and Facteur's start is reported as a ratio
# to it, so that the figures mean something on any machine.
#
# Usage: benchmarks/platform.sh [RUNS]    (after `mvn install`; needs curl)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
karaf=$(sed -n 's:.*<karaf.version>\(.*\)</karaf.version>.*:\1:p' pom.xml | head -1)
dist="karaf-distribution/target/facteur-distribution-$version.tar.gz"
[ -f "$dist" ] || { echo "build first: mvn install" >&2; exit 1; }
mvn -B -q -Dtransitive=false dependency:get -Dartifact="org.apache.karaf:apache-karaf:$karaf:tar.gz" >/dev/null
stock="$HOME/.m2/repository/org/apache/karaf/apache-karaf/$karaf/apache-karaf-$karaf.tar.gz"
work=$(mktemp -d)
trap 'for d in "$work"/*/; do [ -x "$d/bin/stop" ] && "$d/bin/stop" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
port=18181

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

unpack() { # archive name -> home
    mkdir -p "$work/$2"; tar xzf "$1" -C "$work/$2" --strip-components=1
    if [ -f "$work/$2/etc/org.ops4j.pax.web.cfg" ]; then sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $port/" "$work/$2/etc/org.ops4j.pax.web.cfg"
    grep -q '^org.osgi.service.http.port' "$work/$2/etc/org.ops4j.pax.web.cfg" \
        || echo "org.osgi.service.http.port = $port" >> "$work/$2/etc/org.ops4j.pax.web.cfg"; fi
    sed -i "s/^sshPort *=.*/sshPort = 18101/" "$work/$2/etc/org.apache.karaf.shell.cfg"
    echo "$work/$2"
}

wait_http() { # url expected-code
    for _ in $(seq 1 1200); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -u admin:admin "$1" || true)
        [ "$code" = "$2" ] && return 0
        sleep 0.05
    done
    echo "timeout waiting for $1" >&2; return 1
}

stop_home() { "$1/bin/stop" >/dev/null 2>&1 || true; for _ in $(seq 1 60); do pgrep -f "$1" >/dev/null || return 0; sleep 0.5; done; }

rss_mib() { # home
    pid=$(pgrep -f "karaf.base=$1" | head -1)
    echo $(( $(ps -o rss= -p "$pid") / 1024 ))
}

start_ms() { # home url code
    local t0; t0=$(now)
    JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} "$1/bin/start"
    wait_http "$2" "$3"
    ms "$t0" "$(now)"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

fixture="mvn:io.facteur/io.facteur.itests.fixture/$version/xml/features"
: > "$work/inside.txt"; : > "$work/stock.txt"; : > "$work/start.txt"; : > "$work/install.txt"; : > "$work/rss.txt"
for i in $(seq 1 "$runs"); do
    home=$(unpack "$stock" "stock-$i")
    # stock Karaf has no HTTP service: its boot is over when the features service logs "Done."
    t0=$(now); "$home/bin/start"
    until [ -f "$home/data/log/karaf.log" ] && grep -q "Done\." "$home/data/log/karaf.log"; do sleep 0.05; done
    ms "$t0" "$(now)" >> "$work/stock.txt"
    stop_home "$home"

    home=$(unpack "$dist" "facteur-$i")
    start_ms "$home" "http://localhost:$port/api/health" 200 >> "$work/start.txt"
    t0=$(now)
    printf 'feature:repo-add %s\nfeature:install facteur-test-echo\n' "$fixture" \
        | "$home/bin/client" -a 18101 -u admin -p admin -b >/dev/null 2>&1
    for _ in $(seq 1 400); do
        curl -s -u admin:admin "http://localhost:$port/api/capabilities" | grep -q '"test.echo"' && break
        sleep 0.05
    done
    ms "$t0" "$(now)" >> "$work/install.txt"
    # inside Karaf: from the install request to the capability's registration, by the log's clock
    log="$home/data/log/karaf.log"
    a=$(grep -m1 'Adding features: facteur-test-echo' "$log" | cut -c12-23)
    z=$(grep -m1 'Capability test.echo' "$log" | cut -c12-23)
    python3 -c "import sys;f=lambda t:(int(t[0:2])*3600+int(t[3:5])*60+float(t[6:].replace(',','.')))*1000;print(int(f(sys.argv[2])-f(sys.argv[1])))" "$a" "$z" >> "$work/inside.txt"
    sleep 20
    rss_mib "$home" >> "$work/rss.txt"
    stop_home "$home"
done

s=$(median < "$work/start.txt"); b=$(median < "$work/stock.txt")
cat <<MSG
Facteur $version on Karaf $karaf, $(nproc) cores, $runs runs (medians)
  cold start to healthy API      $s ms   (target <= 10000)
  stock Karaf to boot finished   $b ms   (baseline)
  start ratio Facteur / stock    $(awk "BEGIN {printf \"%.2f\", $s / $b}")
  hot install to registry        $(median < "$work/inside.txt") ms   (target <= 2000; feature:install to registration, Karaf's log clock)
  same, seen from a script       $(median < "$work/install.txt") ms   (bin/client JVM start + install + REST poll)
  idle RSS after install         $(median < "$work/rss.txt") MiB  (target <= 512)
MSG
