# Shared by scripts/try, scripts/test and scripts/bench: paths and the local cloud.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$PATH:/opt/swift/usr/bin"
export DEVCLOUD_DIR=${DEVCLOUD_DIR:-$ROOT/.devcloud}
CLOUDS=$DEVCLOUD_DIR/clouds.yaml

# Starts the local Glance and Keystone (installing them the first time) and seeds the sample
# images. Sets STARTED_CLOUD=1 when this call started the servers.
start_cloud() {
  STARTED_CLOUD=0
  if ! "$ROOT/scripts/devcloud" status 2>/dev/null | grep -q "glance up"; then
    STARTED_CLOUD=1
  fi
  "$ROOT/scripts/devcloud" up >/dev/null
  "$ROOT/scripts/devcloud" seed >&2
}
