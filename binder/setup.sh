#!/usr/bin/env bash
# Builds DNAS Lab and installs its Jupyter kernel (kernelspec "dnaslab") under a prefix, then says which Fashion-MNIST
# the notebooks will use.
#
#   binder/setup.sh --prefix DIR [--rebuild]
#
# The kernelspec goes to DIR/share/jupyter/kernels/dnaslab. Without --rebuild the jars are built only when missing,
# so a checkout that is already built (the tests) installs in seconds; postBuild passes --rebuild.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX=""
REBUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="${2:?--prefix needs a directory}"; shift 2 ;;
    --rebuild) REBUILD=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$PREFIX" ] || { echo "setup.sh: --prefix DIR is required" >&2; exit 2; }
log() { printf '[binder] %s\n' "$*" >&2; }

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "setup.sh: $tool is missing (binder/apt.txt installs it)" >&2; exit 1; }
done

cd "$ROOT"
JAR=kernel/target/dnaslab-kernel.jar
if [ "$REBUILD" = 1 ] || [ ! -f "$JAR" ] || [ ! -f lib/target/dnaslab-lib.jar ]; then
  log "building (mvn package)"
  mvn -B -q -DskipTests package
else
  log "reusing the built jars in lib/target and kernel/target"
fi

log "installing the dnaslab kernelspec under $PREFIX"
mkdir -p "$PREFIX"
java -jar "$JAR" install --prefix "$PREFIX"
SPEC="$PREFIX/share/jupyter/kernels/dnaslab/kernel.json"
[ -f "$SPEC" ] || { echo "setup.sh: no kernelspec at $SPEC after the install" >&2; exit 1; }

DEBIAN_DATA=/usr/share/datasets/fashion-mnist
if [ -f "$DEBIAN_DATA/train-images-idx3-ubyte.gz" ]; then
  log "data: the full Fashion-MNIST in $DEBIAN_DATA"
elif [ -d "$ROOT/data/fashion-mnist-subset" ]; then
  log "data: $DEBIAN_DATA is missing; the notebooks will use the committed subset in data/fashion-mnist-subset"
else
  echo "setup.sh: no Fashion-MNIST found (neither $DEBIAN_DATA nor data/fashion-mnist-subset)" >&2
  exit 1
fi
log "done: $SPEC"
