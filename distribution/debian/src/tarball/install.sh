#!/bin/sh
# Installs Wren from this unpacked tarball on a 64-bit (arm64 or amd64) Linux with systemd but
# without dpkg; the layout is the Debian package's. Run as root from anywhere:
#   ./install.sh            install or upgrade: files you changed in /etc/wren and /etc/default/wren
#                           are kept (the new version is put beside them as <file>.wren-new)
#   ./install.sh --remove   stop and disable the service, remove the program; keep data, cache,
#                           configuration and the user
#   ./install.sh --purge    as --remove, then delete /var/lib/wren, /var/cache/wren, /etc/wren,
#                           /etc/default/wren and the user wren
# Needs: Java 17 or newer on the PATH, groupadd/useradd/usermod, systemd (without a running systemd,
# for example in an image being built, the service is enabled and starts at the next boot).
set -eu
src=$(cd "$(dirname "$0")" && pwd)

fail() { echo "install.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (sudo $0 $*)"
running() { [ -d /run/systemd/system ]; }

remove() {
    if running; then
        systemctl disable --now wren.service || true
    else
        rm -f "/etc/systemd/system/multi-user.target.wants/wren.service"
    fi
    rm -rf "/usr/lib/wren" "/lib/systemd/system/wren.service" "/usr/share/doc/wren" \
        "/usr/share/polkit-1/rules.d/60-wren-power.rules"
    if running; then systemctl daemon-reload; fi
}

case "${1:-}" in
    --remove) remove; echo "Wren removed; data kept in /var/lib/wren, configuration in /etc/wren."; exit 0 ;;
    --purge)
        remove
        rm -rf "/var/lib/wren" "/var/cache/wren" "/etc/wren" "/etc/default/wren"
        if getent passwd wren >/dev/null && [ -z "" ]; then userdel wren || true; fi
        if getent group wren >/dev/null && [ -z "" ]; then groupdel wren 2>/dev/null || true; fi
        if getent group wren-power >/dev/null && [ -z "" ]; then groupdel wren-power 2>/dev/null || true; fi
        echo "Wren purged."; exit 0 ;;
    "") ;;
    *) fail "usage: $0 [--remove | --purge]" ;;
esac

# refuse a 32-bit system before anything is installed, with the message the service would log
"$src/usr/lib/wren/wren-launch" --check

# the program and the unit: replaced as a whole
mkdir -p "/usr/lib/wren" "/lib/systemd/system" "/usr/share/doc/wren"
cp "$src/usr/lib/wren/wren.jar" "$src/usr/lib/wren/wren-launch" "$src/usr/lib/wren/wren-grant-power" "/usr/lib/wren/"
chmod 0644 "/usr/lib/wren/wren.jar"
chmod 0755 "/usr/lib/wren/wren-launch" "/usr/lib/wren/wren-grant-power"
mkdir -p "/usr/share/polkit-1/rules.d"
cp "$src/usr/share/polkit-1/rules.d/60-wren-power.rules" "/usr/share/polkit-1/rules.d/"
cp "$src/lib/systemd/system/wren.service" "/lib/systemd/system/"
cp "$src"/usr/share/doc/wren/* "/usr/share/doc/wren/"

# configuration: what the administrator changed is kept
(cd "$src" && find etc -type f) | while read -r f; do
    mkdir -p "$(dirname "/$f")"
    if [ ! -e "/$f" ]; then
        cp "$src/$f" "/$f"
    elif ! cmp -s "$src/$f" "/$f"; then
        cp "$src/$f" "/$f.wren-new"
        echo "install.sh: kept your /$f; this version's is /$f.wren-new"
    fi
done

# the user, in groups i2c and gpio (they own /dev/i2c-* and /dev/gpiochip* on Raspberry Pi OS)
if [ -z "" ]; then
    for group in i2c gpio; do
        getent group "$group" >/dev/null || groupadd --system "$group"
    done
    getent group wren >/dev/null || groupadd --system wren
    getent passwd wren >/dev/null || useradd --system --gid wren --home-dir /var/lib/wren --no-create-home \
        --shell /usr/sbin/nologin --comment "Wren edge-AI gateway" wren
    usermod -a -G i2c,gpio wren
    # wren-power: the power actuators and the power-off (docs/power.md); wren is put in it by an operator
    getent group wren-power >/dev/null || groupadd --system wren-power
fi
for dir in "/var/lib/wren" "/var/cache/wren"; do
    mkdir -p "$dir"
    chmod 0700 "$dir"
    [ -n "" ] || chown wren:wren "$dir"
done

if running; then
    systemctl daemon-reload
    systemctl enable wren.service
    systemctl restart wren.service
else
    mkdir -p "/etc/systemd/system/multi-user.target.wants"
    ln -sf /lib/systemd/system/wren.service "/etc/systemd/system/multi-user.target.wants/wren.service"
fi
cat <<'MSG'
Wren is installed as the service wren (systemctl status wren; journalctl -u wren).
Web console: http://127.0.0.1:8080/system/console, user admin. The password is generated at the
first start; read it with:  sudo cat /var/lib/wren/console-password
MSG
