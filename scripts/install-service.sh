#!/usr/bin/env bash
# Installs Lectern as systemd services (as root):
#   scripts/install-service.sh recorder ROOM [--listen ADDR]   headless recorder for ROOM: lectern-recorder@ROOM
#   scripts/install-service.sh kiosk [--listen ADDR]           the kiosk display under cage on tty1
#   scripts/install-service.sh render DIR                      only write the filled-in units to DIR (no root)
# Options: --prefix DIR (where Lectern is installed, default /usr/local), --confdir DIR (default
# /etc/lectern), --no-start (install and enable, do not start).
# It installs the packages the services need (scripts/deps/service.txt), installs the build with
# `cmake --install` when PREFIX/bin/lectern is missing, creates the dedicated users (lectern for
# recorders, lectern-kiosk for the display, with the groups for cameras, sound and input), writes a
# starting configuration when none exists (never overwrites one), fills the units of config/systemd
# and enables them. Secrets (the API token: [lectern-api] password = "…") go in
# CONFDIR/secrets-USER.toml (mode 0600, owned by the service's user).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local
confdir=/etc/lectern
unitdir=/etc/systemd/system
listen=""
start=1
recorder_user=lectern
kiosk_user=lectern-kiosk
pam_service=lectern-kiosk

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
what=$1; shift
room=""; outdir=""
case "$what" in
  recorder) [ $# -ge 1 ] || usage; room=$1; shift ;;
  render) [ $# -ge 1 ] || usage; outdir=$1; shift ;;
  kiosk) ;;
  *) usage ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --confdir) confdir=$2; shift 2 ;;
    --listen) listen=$2; shift 2 ;;
    --no-start) start=0; shift ;;
    *) echo "install-service: unknown option $1" >&2; usage ;;
  esac
done
if [ -n "$room" ] && ! [[ "$room" =~ ^[A-Za-z0-9_-]+$ ]]; then
  echo "install-service: room \"$room\": use the agenda's room id (letters, digits, - and _)" >&2
  exit 2
fi

# The units of config/systemd with their @…@ paths filled in, into directory $1.
render() {
  mkdir -p "$1"
  for unit in "$top"/config/systemd/*.service; do
    sed -e "s|@BINDIR@|$prefix/bin|g" -e "s|@CONFDIR@|$confdir|g" -e "s|@DOCDIR@|$prefix/share/doc/lectern|g" \
        -e "s|@USER@|$recorder_user|g" -e "s|@KIOSK_USER@|$kiosk_user|g" -e "s|@PAM_SERVICE@|$pam_service|g" \
        "$unit" > "$1/$(basename "$unit")"
  done
}

if [ "$what" = render ]; then
  render "$outdir"
  echo "install-service: units written to $outdir"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-service: run as root (sudo $0 $what ${room})" >&2
  exit 1
fi

# Packages: cage (the kiosk compositor) and pam_systemd (the kiosk's seat); systemd itself.
missing=()
for p in $(grep -hv '^\s*#' "$top/scripts/deps/service.txt" | awk 'NF{print $1}'); do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$prefix/bin/lectern" ]; then
  build=${LECTERN_BUILD_DIR:-$top/build}
  [ -x "$build/bin/lectern" ] || LECTERN_BUILD_TARGET=lectern "$top/scripts/build.sh" -DLECTERN_BUILD_TESTS=OFF -DLECTERN_BUILD_BENCH=OFF
  cmake --install "$build" --prefix "$prefix" >/dev/null
  install -D -m 0644 "$top/README.md" "$prefix/share/doc/lectern/README.md"
fi

# A dedicated system user; its home holds ~/Lectern (recordings, queue, catalog).
add_user() {  # name groups...
  local name=$1; shift
  id -u "$name" >/dev/null 2>&1 ||
    useradd --system --create-home --home-dir "/var/lib/$name" --shell /usr/sbin/nologin "$name"
  for g in "$@"; do getent group "$g" >/dev/null && usermod -a -G "$g" "$name"; done
}

# A configuration to start from, never overwriting the technician's.
write_config() {  # file user room
  local file=$1 user=$2 room=$3
  install -d -m 0755 "$confdir"
  local secrets="$confdir/secrets-$user.toml"  # readable by its service's user only (Lectern refuses it otherwise)
  [ -f "$secrets" ] || install -m 0600 -o "$user" -g "$user" /dev/null "$secrets"
  [ -e "$file" ] && { echo "install-service: keeping $file"; return; }
  {
    echo "# Written by scripts/install-service.sh; every key is in config/lectern.example.toml of Lectern's sources."
    echo "[kiosk]"
    echo "id = \"$(hostname)-${room:-kiosk}\""
    [ -n "$room" ] && echo "room = \"$room\""
    echo "[web]"
    echo "listen = \"${listen:-8080}\""
    echo "[upload]"
    echo "secrets_file = \"$secrets\""
  } > "$file"
  chmod 0644 "$file"
  echo "install-service: wrote $file (edit it: agenda, media, upload targets)"
}

render "$unitdir.lectern-new"
case "$what" in
  recorder)
    add_user "$recorder_user" video audio render
    write_config "$confdir/$room.toml" "$recorder_user" "$room"
    install -m 0644 "$unitdir.lectern-new/lectern-recorder@.service" "$unitdir/lectern-recorder@.service"
    unit="lectern-recorder@$room.service"
    ;;
  kiosk)
    add_user "$kiosk_user" video audio render input
    write_config "$confdir/kiosk.toml" "$kiosk_user" ""
    install -m 0644 "$top/config/systemd/pam-lectern-kiosk" "/etc/pam.d/$pam_service"
    install -m 0644 "$unitdir.lectern-new/lectern-kiosk.service" "$unitdir/lectern-kiosk.service"
    unit=lectern-kiosk.service
    ;;
esac
rm -rf "$unitdir.lectern-new"
systemd-analyze verify "$unit"
systemctl daemon-reload
if [ "$start" = 1 ]; then systemctl enable --now "$unit"; else systemctl enable "$unit"; fi
echo "install-service: $unit installed; logs: journalctl -u $unit -p info; state: systemctl status $unit"
