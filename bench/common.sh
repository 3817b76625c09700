# Shared by the bench scripts (sourced): start ./geogrid up on $PORT and wait until it serves, and
# export the libpq settings of the cluster it uses. Expects ROOT, PORT and WORK to be set.

# serve [extra environment assignments…]: starts the server in the background as $SERVER.
serve() {
  env "$@" "$ROOT/geogrid" up --port "$PORT" >"$WORK/up.log" 2>&1 &
  SERVER=$!
  until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do
    kill -0 $SERVER 2>/dev/null || { cat "$WORK/up.log"; exit 1; }
    sleep 0.5
  done
}

# cluster_env: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE of the cluster in GEOGRID_HOME (or the clone's).
cluster_env() {
  local settings
  settings=$(cat "$(find "${GEOGRID_HOME:-$ROOT/.geogrid}" /var/lib/postgresql/geogrid -name cluster.json 2>/dev/null | head -n1)")
  export PGHOST=127.0.0.1 PGUSER=geogrid PGDATABASE=geogrid
  PGPORT=$(sed -n 's/.*"Port":\([0-9]*\).*/\1/p' <<<"$settings")
  PGPASSWORD=$(sed -n 's/.*"Password":"\([0-9a-f]*\)".*/\1/p' <<<"$settings")
  export PGPORT PGPASSWORD
}

# start_group NAME command…: runs a command in a process group of its own (setsid) and records its id
# in NAME, so stop_group can end it with every child it spawned (lighttpd's FastCGI mapserv processes
# ignore SIGTERM and outlive their parent otherwise).
start_group() {
  local name=$1; shift
  setsid "$@" &
  printf -v "$name" '%s' "$!"
}

# stop_group ID…: SIGTERM to each group, then SIGKILL to whatever is left a second later.
stop_group() {
  local id
  for id in "$@"; do [ -n "$id" ] && kill -TERM -- "-$id" 2>/dev/null || true; done
  sleep 1
  for id in "$@"; do [ -n "$id" ] && kill -KILL -- "-$id" 2>/dev/null || true; done
}

# start_mapserver: MapServer 8 (Debian cgi-mapserver) as FastCGI behind lighttpd on $PORT + 1 ($MS_PORT),
# over the cluster's database, for the side-by-side benchmarks; stop_mapserver ends it and every mapserv
# process it spawned. Expects cluster_env to have run.
start_mapserver() {
  MS_PORT=$((PORT + 1))
  sed "s#@CONNECTION@#host=127.0.0.1 port=$PGPORT dbname=geogrid user=geogrid password=$PGPASSWORD#" "$ROOT/bench/mapserver/geogrid.map.in" >"$WORK/geogrid.map"
  sed "s#@WORK@#$WORK#g; s#@PORT@#$MS_PORT#" "$ROOT/bench/mapserver/lighttpd.conf.in" >"$WORK/lighttpd.conf"
  sed "s#@WORK@#$WORK#g" "$ROOT/bench/mapserver/mapserver.conf.in" >"$WORK/mapserver.conf"
  start_group LIGHTTPD lighttpd -D -f "$WORK/lighttpd.conf"
  trap 'kill $SERVER 2>/dev/null || true; stop_group "$LIGHTTPD"; rm -rf "$WORK"' EXIT
}

stop_mapserver() {
  stop_group "$LIGHTTPD"; wait "$LIGHTTPD" 2>/dev/null || true
  # Nothing MapServer started may outlive the benchmark. Zombies (already exited, waiting for a reaper
  # this container may lack) are not running.
  if pgrep -x -r R,S,D,T mapserv >/dev/null; then echo "mapserv processes left running:"; pgrep -a -x -r R,S,D,T mapserv; exit 1; fi
}
