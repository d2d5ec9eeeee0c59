#!/bin/sh
# Builds, without any container registry:
#   logplane-base:bookworm  (build-base.sh: debootstrap + docker import; skipped if present)
#   logplane:dev            (Dockerfile: the launcher jar on the base's JRE)
#   logplane-lb:dev         (Dockerfile.lb: Debian's haproxy on the base)
# Run from anywhere; needs a running dockerd and launcher/target/logplane.jar
# (cd <repo> && mvn -B -q package -DskipTests -pl launcher -am).
#
# Env: JAR (default <repo>/launcher/target/logplane.jar), IMAGE (logplane:dev),
#      LB_IMAGE (logplane-lb:dev), NO_LB=1 to skip the load balancer image.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
JAR=${JAR:-$REPO/launcher/target/logplane.jar}
IMAGE=${IMAGE:-logplane:dev}
LB_IMAGE=${LB_IMAGE:-logplane-lb:dev}

[ -f "$JAR" ] || { echo "build: no jar at $JAR (build the launcher first)" >&2; exit 1; }

"$HERE/build-base.sh"

# A small build context: just the jar (target/ holds much more).
CTX=$(mktemp -d /tmp/logplane-docker-ctx.XXXXXX)
trap 'rm -rf "$CTX"' EXIT INT TERM
cp "$JAR" "$CTX/logplane.jar"

echo "build: $IMAGE from $JAR"
docker build -t "$IMAGE" -f "$HERE/Dockerfile" "$CTX"

if [ "${NO_LB:-0}" != 1 ]; then
    echo "build: $LB_IMAGE"
    # --network host: with dockerd --bridge=none a build step has no other
    # network, and apt-get must reach the Debian mirror.
    docker build --network host -t "$LB_IMAGE" -f "$HERE/Dockerfile.lb" "$HERE"
fi
docker image ls | grep -E '^(logplane|logplane-base|logplane-lb) ' || true
