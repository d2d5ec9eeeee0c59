#!/bin/sh
# Builds the local base image logplane-base:bookworm (Debian bookworm + a
# headless JRE 17) without any container registry: debootstrap a minimal
# rootfs from a Debian mirror and `docker import` it.
# Idempotent: does nothing when the image already exists (FORCE=1 rebuilds).
#
# Env: BASE_IMAGE (default logplane-base:bookworm)
#      MIRROR     (default http://deb.debian.org/debian)
#      SUITE      (default bookworm)
#      SECURITY_MIRROR (default http://deb.debian.org/debian-security; only
#                 written to the image's sources.list)
#      ROOTFS     (default: a fresh temp dir, removed afterwards)
set -eu

BASE_IMAGE=${BASE_IMAGE:-logplane-base:bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=${SUITE:-bookworm}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}

if [ "${FORCE:-0}" != 1 ] && docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "build-base: $BASE_IMAGE exists, skipping (FORCE=1 to rebuild)"
    exit 0
fi

command -v debootstrap >/dev/null 2>&1 || {
    echo "build-base: debootstrap not found (apt-get install -y debootstrap)" >&2
    exit 1
}
[ "$(id -u)" = 0 ] || { echo "build-base: debootstrap needs root" >&2; exit 1; }

ROOTFS=${ROOTFS:-$(mktemp -d /tmp/logplane-rootfs.XXXXXX)}
cleanup() { rm -rf "$ROOTFS"; }
trap cleanup EXIT INT TERM

echo "build-base: debootstrap $SUITE from $MIRROR into $ROOTFS"
debootstrap --variant=minbase \
    --include=openjdk-17-jre-headless,ca-certificates \
    "$SUITE" "$ROOTFS" "$MIRROR"

# Slim the rootfs a little: apt caches and lists are not needed at run time
# (an image built FROM this one runs `apt-get update` itself).
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin \
       "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/tmp/*
# debootstrap copies the host's resolv.conf/hostname in; docker supplies its own.
: > "$ROOTFS"/etc/resolv.conf
cat > "$ROOTFS"/etc/apt/sources.list <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
SOURCES

echo "build-base: importing as $BASE_IMAGE"
tar -C "$ROOTFS" --numeric-owner -c . | docker import \
    -c 'ENV LANG=C.UTF-8' \
    -c "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)" \
    -c 'CMD ["/bin/bash"]' \
    - "$BASE_IMAGE"
docker image ls "$BASE_IMAGE"
