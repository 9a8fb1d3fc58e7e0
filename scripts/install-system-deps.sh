#!/usr/bin/env bash
# Install the Debian 12 packages the real-components tests (test/real, fixtures/real) need.
# Idempotent: when every package is already installed it only runs dpkg-query and exits.
# Runs `apt-get update` only when something is missing. Needs root (or sudo) when installing.
# Starts no service: tests start dockerd/podman/registry themselves under temp dirs.
set -euo pipefail

PACKAGES=(
  docker.io          # dockerd 20.10 + /usr/bin/docker 20.10 client (Engine API 1.41)
  docker-registry    # distribution 2.8 (`docker-registry serve config.yml`)
  skopeo             # copies images between docker-archive, oci-archive, oci dir, registries
  buildah            # builds images without a daemon
  podman             # second daemon (Docker-compatible API via `podman system service`)
  debootstrap        # real Debian base image without internet
  debian-archive-keyring gpgv  # debootstrap checks the mirror's Release signature
  apache2-utils      # htpasswd for registry Basic auth
  busybox-static     # tiny real userland for busybox-based fixture images
  isal               # igzip (fast gzip) for benchmarks / decompression floor
  tmux               # TUI tests
  uidmap             # newuidmap/newgidmap used by podman/buildah
  openssl            # test CAs and certificates: token server, TLS registry, dockerd --tlsverify
  ca-certificates
  zstd               # zstd CLI to check zstd layers
  tar gzip
  util-linux         # umount (dockerd netns cleanup), flock
  iproute2           # dockerd probes `ip`
  procps
  umoci              # OCI layouts written by a real producer (conformance tests)
  containerd         # ctr images export (conformance tests)
  shellcheck         # ShellCheck on RUN instructions
  rpm                # rpm databases for the packages analysis tests
  golang-go          # a real Go binary's embedded module list (packages analysis tests)
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-system-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "install-system-deps: missing ${missing[*]} and not root (no sudo)" >&2; exit 1
  fi
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
# With Recommends on purpose: that is the combination tried on a fresh Debian 12 (see
# /work/shared/REAL-COMPONENTS.md); podman/buildah recommend runc, uidmap, fuse-overlayfs.
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"

# Debian's docker.io/podman postinst may start services when a systemd is present; tests do not
# need them, and they must not hold /var/run/docker.sock for someone else. Leave them as they are
# (we never rely on them) but make sure the binaries we need exist.
for bin in dockerd /usr/bin/docker docker-registry skopeo buildah podman debootstrap htpasswd busybox openssl; do
  command -v "$bin" >/dev/null 2>&1 || { echo "install-system-deps: $bin still missing after install" >&2; exit 1; }
done
echo "install-system-deps: done"
