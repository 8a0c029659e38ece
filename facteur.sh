#!/usr/bin/env bash
# Builds Facteur and starts it with its embedded defaults (Derby, local folders), then prints where
# to open it. Usage: ./facteur.sh [start|stop|status]   (start is the default)
#
# The runtime lives in run/facteur (ignored by git). A new build replaces the runtime but keeps its
# database (data/facteur) and Facteur's settings files (etc/io.facteur.*.cfg).
set -euo pipefail
cd "$(dirname "$0")"
home=run/facteur
port=8181

stop() {
    if [ -x "$home/bin/stop" ] && [ -f "$home/karaf.pid" ]; then
        "$home/bin/stop" >/dev/null 2>&1 || true
        for _ in $(seq 1 30); do
            pid=$(cat "$home/karaf.pid" 2>/dev/null || true)
            if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
            sleep 1
        done
    fi
}

case "${1:-start}" in
    stop) stop; echo "Facteur stopped."; exit 0 ;;
    status)
        if curl -fsS "http://localhost:$port/api/health"; then echo; else echo "Facteur is not running."; fi
        exit 0 ;;
    start) ;;
    *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac

mvn -B -q -DskipTests -Dspotless.check.skip=true install
dist=$(ls karaf-distribution/target/facteur-distribution-*.tar.gz)

stop
keep=$(mktemp -d)
if [ -d "$home" ]; then
    [ -d "$home/data/facteur" ] && cp -a "$home/data/facteur" "$keep/db"
    cp -a "$home"/etc/io.facteur.*.cfg "$keep/" 2>/dev/null || true
    rm -rf "$home"
fi
mkdir -p run
tar xzf "$dist" -C run
mv run/facteur-distribution-* "$home"
if [ -d "$keep/db" ]; then mkdir -p "$home/data" && cp -a "$keep/db" "$home/data/facteur"; fi
cp -a "$keep"/io.facteur.*.cfg "$home/etc/" 2>/dev/null || true
rm -rf "$keep"

"$home/bin/start"
printf 'Starting Facteur'
for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://localhost:$port/api/health" 2>/dev/null; then
        cat <<MSG

Facteur is running.
  Upload page   http://localhost:$port/facteur/
  REST API      http://localhost:$port/api            (try: curl -u admin:admin http://localhost:$port/api/capabilities)
  OpenAPI       http://localhost:$port/api/openapi.json
  Web console   http://localhost:$port/system/console/
  Login         admin / admin   (change it: see README, "Users and passwords")
  Shell         $home/bin/client -u admin -p admin
  Logs          $home/data/log/karaf.log
  Stop          ./facteur.sh stop
MSG
        exit 0
    fi
    printf '.'
    sleep 1
done
echo
echo "Facteur did not answer on port $port within 2 minutes; see $home/data/log/karaf.log" >&2
exit 1
