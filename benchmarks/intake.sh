#!/usr/bin/env bash
# Intake and validation benchmark, HTTP included: unpacks a fresh copy of the built distribution
# (HTTP on 18181, SSH on 18101), starts it, and runs the harness (benchmarks/intake) with
# -Dbench.http pointing at it: (1)..(6) in process, then (7) the whole pipeline in process and
# (8) the same files posted by 8 concurrent clients over HTTP. Prints the ratios.
# Usage: benchmarks/intake.sh [extra -Dbench.* options]
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
dist="karaf-distribution/target/facteur-distribution-$version.tar.gz"
[ -f "$dist" ] || { echo "build first: mvn install -DskipTests" >&2; exit 1; }
mvn -B -q -Pbench -pl benchmarks/intake package -DskipTests
work=$(mktemp -d)
home="$work/facteur"
trap '"$home/bin/stop" >/dev/null 2>&1 || true; sleep 2; rm -rf "$work"' EXIT
port=18181
mkdir -p "$home"; tar xzf "$dist" -C "$home" --strip-components=1
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $port/" "$home/etc/org.ops4j.pax.web.cfg"
grep -q '^org.osgi.service.http.port' "$home/etc/org.ops4j.pax.web.cfg" \
    || echo "org.osgi.service.http.port = $port" >> "$home/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = 18101/" "$home/etc/org.apache.karaf.shell.cfg"
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} "$home/bin/start"
for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/api/health" || true)" = 200 ] && break
    sleep 0.1
done
# the validators and readers must be registered before the first file comes
for _ in $(seq 1 600); do
    caps=$(curl -s -u admin:admin "http://localhost:$port/api/capabilities" || true)
    echo "$caps" | grep -q '"validation.en16931"' && echo "$caps" | grep -q '"format.facturx"' && break
    sleep 0.1
done
# (7) runs the readers and the phive rule sets in process; for the same work over HTTP, PDF/A (veraPDF),
# the duplicate check and the archive are taken out of this copy (BENCH_FULL=keep leaves them: HTTP then
# does more work than (7); invoices are counted done once no longer RECEIVED either way)
if [ "${BENCH_FULL:-}" != keep ]; then
    printf 'feature:uninstall facteur-validation-pdfa\nfeature:uninstall facteur-archive\nfeature:uninstall facteur-duplicates\n' \
        | "$home/bin/client" -a 18101 -u admin -p admin -b >/dev/null 2>&1 || true
    for _ in $(seq 1 300); do
        curl -s -u admin:admin "http://localhost:$port/api/capabilities" \
            | grep -q '"validation.pdfa"\|"archive"\|"duplicates"' || break
        sleep 0.1
    done
fi
java -cp "benchmarks/intake/target/classes:$(cat benchmarks/intake/target/classpath.txt)" \
     -Dbench.corpus=../shared/corpus -Dbench.http="http://localhost:$port" "$@" \
     io.facteur.bench.IntakeBenchmark
