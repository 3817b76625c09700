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
