# shellcheck shell=bash
# Shared toolchain functions for scripts/setup, scripts/run, scripts/test and
# scripts/develop. Source it; do not run it.
#
# Two ways to get Python >= 3.14.2:
#   host  a Python >= 3.14.2 on this machine creates the virtual environments;
#   root  otherwise a small Debian sid root file system with python3.14 is
#         built (debootstrap) and every command runs inside it (chroot, in a
#         private mount namespace, so its bind mounts vanish with the command).
#
# Everything is cached outside the clone in $DBC_CACHE_DIR:
#   root/                       the sid root (built in a temporary directory,
#                               renamed when complete)
#   root/opt/dbc/<group>-<key>  the virtual environments in root mode
#   venv/<group>-<key>          the virtual environments in host mode
# <key> hashes the group's pins from pyproject.toml (and the component list),
# so a pin change builds a new environment and a fresh clone reuses the old one.

DBC_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
if [[ -n "${DBC_CACHE_DIR:-}" ]]; then
    DBC_CACHE="$DBC_CACHE_DIR"
elif [[ $EUID -eq 0 ]]; then
    DBC_CACHE=/var/cache/desk-break-coach
else
    DBC_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/desk-break-coach"
fi
DBC_ROOT="$DBC_CACHE/root"
# A project script run from a command that already runs inside the sid root
# (scripts/develop started by a test, say) uses that root as it is: "/".
DBC_INSIDE_ROOT=0
if [[ -f /opt/dbc/.root-complete ]]; then
    DBC_INSIDE_ROOT=1
    DBC_ROOT=""
fi
# Bump when the way environments are built changes.
DBC_RECIPE=1
DBC_ROOT_PACKAGES=(python3.14 python3.14-venv python3.14-dev ca-certificates tzdata build-essential)
# What Home Assistant's own components need from the system on the demo server:
# ffmpeg (tts, camera streams) and libturbojpeg (camera snapshots).
DBC_DEVELOP_ROOT_PACKAGES=(ffmpeg libturbojpeg0)
DBC_MIN_PYTHON="3.14.2"
DBC_MANIFEST="custom_components/desk_break_coach/manifest.json"

dbc_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
dbc_note() { printf '    %s\n' "$*" >&2; }
dbc_warn() { printf '\033[1;33mWARNING: %s\033[0m\n' "$*" >&2; }
dbc_die() {
    printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2
    exit 1
}

# Seconds since the given epoch second, for progress output.
dbc_since() { echo "$(($(date +%s) - $1))s"; }

# ---------------------------------------------------------------- locking ---

DBC_LOCK_FD=""
dbc_lock() {
    [[ -n "$DBC_LOCK_FD" ]] && return 0
    mkdir -p "$DBC_CACHE"
    exec {DBC_LOCK_FD}>"$DBC_CACHE/.lock"
    if ! flock -n "$DBC_LOCK_FD"; then
        dbc_log "Another setup is running; waiting for $DBC_CACHE/.lock"
        flock "$DBC_LOCK_FD"
    fi
}
dbc_unlock() {
    [[ -z "$DBC_LOCK_FD" ]] && return 0
    flock -u "$DBC_LOCK_FD"
    exec {DBC_LOCK_FD}>&-
    DBC_LOCK_FD=""
}

# ----------------------------------------------------------- host python ---

# Prints the path of a host Python >= 3.14.2 with venv support, if any.
dbc_find_host_python() {
    [[ "${DBC_FORCE_ROOT:-0}" == 1 || "$DBC_INSIDE_ROOT" == 1 ]] && return 1
    local candidates=() c found
    [[ -n "${DBC_PYTHON:-}" ]] && candidates+=("$DBC_PYTHON")
    candidates+=(python3.14 python3 python)
    if command -v uv >/dev/null 2>&1; then
        found="$(uv python find ">=$DBC_MIN_PYTHON" 2>/dev/null || true)"
        [[ -n "$found" ]] && candidates+=("$found")
    fi
    for c in "${candidates[@]}"; do
        command -v "$c" >/dev/null 2>&1 || continue
        if found="$("$c" -c '
import sys, ensurepip, venv
minimum = tuple(int(p) for p in sys.argv[1].split("."))
if sys.version_info[:3] < minimum:
    raise SystemExit(1)
print(sys.executable)
' "$DBC_MIN_PYTHON" 2>/dev/null)" && [[ -n "$found" ]]; then
            echo "$found"
            return 0
        fi
    done
    return 1
}

DBC_MODE=""
DBC_HOST_PYTHON=""
dbc_detect_mode() {
    [[ -n "$DBC_MODE" ]] && return 0
    if DBC_HOST_PYTHON="$(dbc_find_host_python)"; then
        DBC_MODE=host
    else
        DBC_MODE=root
    fi
}

# ----------------------------------------------------------- sid root -------

# The Debian mirror from the host's own apt sources (never hard-coded here).
dbc_debian_mirror() {
    if [[ -n "${DBC_DEBIAN_MIRROR:-}" ]]; then
        echo "$DBC_DEBIAN_MIRROR"
        return 0
    fi
    local mirror=""
    shopt -s nullglob
    local sources=(/etc/apt/sources.list.d/*.sources)
    shopt -u nullglob
    if ((${#sources[@]})); then
        mirror="$(awk '
            /^[[:space:]]*$/ { if (uri != "" && suites !~ /-security/) { print uri; exit } uri = ""; suites = ""; next }
            /^URIs:/ { uri = $2 }
            /^Suites:/ { suites = $0 }
            END { if (uri != "" && suites !~ /-security/) print uri }
        ' "${sources[@]}" | grep -v -- '-security' | head -n1)"
    fi
    if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
        mirror="$(awk '$1 == "deb" && $0 !~ /-security/ {
            for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
            /etc/apt/sources.list | head -n1)"
    fi
    [[ -n "$mirror" ]] || dbc_die "no Debian mirror found in the host's apt sources; set DBC_DEBIAN_MIRROR"
    echo "${mirror%/}"
}

dbc_root_ready() {
    [[ -f "$DBC_ROOT/opt/dbc/.root-complete" && -x "$DBC_ROOT/usr/bin/python3.14" ]]
}

# Copies a host file into the root atomically, only when it differs.
dbc_sync_file() {
    local src="$1" dst="$DBC_ROOT$1"
    [[ -f "$src" ]] || return 0
    if [[ -L "$dst" || ! -f "$dst" ]] || ! cmp -s "$src" "$dst"; then
        mkdir -p "$(dirname "$dst")"
        cp -L "$src" "$dst.dbc-new.$$"
        mv -f "$dst.dbc-new.$$" "$dst"
    fi
}

# Name resolution, the package index configuration and the CA bundle follow the
# host's, so pip and apt inside reach the network the same way the host does.
dbc_sync_host_files() {
    dbc_sync_file /etc/resolv.conf
    dbc_sync_file /etc/hosts
    dbc_sync_file /etc/pip.conf
    dbc_sync_file /etc/ssl/certs/ca-certificates.crt
}

dbc_build_root() {
    [[ $EUID -eq 0 ]] || dbc_die "no Python >= $DBC_MIN_PYTHON found on this machine.
Install one (for example: uv python install 3.14) or run scripts/setup as root,
which builds a Debian sid root file system with python3.14."
    command -v unshare >/dev/null || dbc_die "unshare (util-linux) is required"
    command -v chroot >/dev/null || dbc_die "chroot (coreutils) is required"
    if ! command -v debootstrap >/dev/null 2>&1; then
        dbc_log "Installing debootstrap on the host"
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
    fi
    local mirror tmp start
    mirror="$(dbc_debian_mirror)"
    start=$(date +%s)
    # Leftovers of an interrupted build are never used.
    find "$DBC_CACHE" -maxdepth 1 -name 'root.tmp.*' -exec rm -rf --one-file-system {} +
    if [[ -e "$DBC_ROOT" ]]; then
        dbc_note "Removing incomplete $DBC_ROOT"
        rm -rf --one-file-system "$DBC_ROOT"
    fi
    tmp="$DBC_CACHE/root.tmp.$$"
    dbc_log "Building the Debian sid root with Python 3.14 ($mirror) in $DBC_ROOT"
    local include
    include="$(IFS=,; echo "${DBC_ROOT_PACKAGES[*]}")"
    # In a private mount namespace, so mounts debootstrap makes cannot outlive it.
    unshare --mount --propagation private -- \
        debootstrap --variant=minbase --include="$include" sid "$tmp" "$mirror" \
        >"$DBC_CACHE/debootstrap.log" 2>&1 || {
        tail -n 30 "$DBC_CACHE/debootstrap.log" >&2
        dbc_die "debootstrap failed (log: $DBC_CACHE/debootstrap.log)"
    }
    rm -f "$tmp"/var/cache/apt/archives/*.deb
    mkdir -p "$tmp/opt/dbc"
    printf '%s\n' "${DBC_ROOT_PACKAGES[@]}" >"$tmp/opt/dbc/.root-packages"
    touch "$tmp/opt/dbc/.root-complete"
    mv -T "$tmp" "$DBC_ROOT"
    dbc_note "sid root ready in $(dbc_since "$start"): $("$DBC_ROOT/usr/bin/python3.14" -V 2>/dev/null || chroot "$DBC_ROOT" python3.14 -V)"
}

# Whether every one of these Debian packages is installed in the root.
dbc_root_has() {
    local p
    for p in "$@"; do
        grep -qxF "$p" "$DBC_ROOT/opt/dbc/.root-packages" 2>/dev/null || return 1
    done
}

# Installs Debian packages into the root (idempotent).
dbc_root_apt_install() {
    local missing=() p
    for p in "$@"; do
        grep -qxF "$p" "$DBC_ROOT/opt/dbc/.root-packages" 2>/dev/null || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    dbc_log "Installing into the sid root: ${missing[*]}"
    dbc_sync_host_files
    # A mirror serving an older snapshot has an expired Release file; the
    # packages are still signed, so accept it rather than fail.
    dbc_in_root_raw sh -c '
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q -o APT::Update::Error-Mode=any 2>/tmp/apt-update.err || {
            cat /tmp/apt-update.err >&2
            echo "retrying apt-get update without the Release expiry check" >&2
            apt-get update -q -o Acquire::Check-Valid-Until=false
        } &&
        apt-get install -y -q --no-install-recommends "$@" && apt-get clean' sh "${missing[@]}"
    # Package scripts may regenerate the CA bundle; put the host's back.
    dbc_sync_host_files
    printf '%s\n' "${missing[@]}" >>"$DBC_ROOT/opt/dbc/.root-packages"
}

dbc_ensure_root() {
    dbc_root_ready && { dbc_root_apt_install "${DBC_ROOT_PACKAGES[@]}"; return 0; }
    dbc_lock
    dbc_root_ready || dbc_build_root
    dbc_root_apt_install "${DBC_ROOT_PACKAGES[@]}"
}

# Runs a command inside the root with the repository bound at the same path.
# Uses exec, so exit status and signals pass straight through.
dbc_in_root_raw() {
    (dbc__enter_root "" "$@")
}

# dbc__enter_root VENV CMD...: VENV (path inside the root) may be empty.
dbc__enter_root() {
    local venv="$1"
    shift
    dbc_sync_host_files
    local envs=() name value token keep
    envs+=("HOME=/root" "LANG=C.UTF-8" "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt")
    local path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    if [[ -n "$venv" ]]; then
        path="$venv/bin:$path"
        envs+=("VIRTUAL_ENV=$venv")
    fi
    envs+=("PATH=$path")
    while IFS= read -r name; do
        case "$name" in
            PATH | HOME | PWD | OLDPWD | SHLVL | _ | LANG | LC_* | LANGUAGE | TMPDIR | MAIL | \
                SSL_CERT_FILE | SSL_CERT_DIR | PYTHONPATH | PYTHONHOME | PYTHONSTARTUP | \
                VIRTUAL_ENV | VIRTUAL_ENV_PROMPT | PYENV* | CONDA* | LD_LIBRARY_PATH | LD_PRELOAD | \
                XDG_* | DBUS_* | BASH_FUNC_* | UV_PYTHON*)
                continue
                ;;
        esac
        value="${!name}"
        keep=1
        if [[ "$name" == PIP_* || "$name" == UV_* ]]; then
            # Drop settings that point at files the root does not have.
            for token in $value; do
                token="${token#file://}"
                if [[ "$token" == /* && ! -e "$DBC_ROOT$token" ]]; then
                    keep=0
                fi
            done
        fi
        ((keep)) && envs+=("$name=$value")
    done < <(compgen -e)
    if [[ -n "$DBC_LOCK_FD" ]]; then exec {DBC_LOCK_FD}>&-; fi
    if ((DBC_INSIDE_ROOT)); then
        exec /usr/bin/env -i -C "$DBC_REPO" "${envs[@]}" "$@"
    fi
    exec unshare --mount --propagation private -- \
        "$BASH" "$DBC_REPO/scripts/lib/enter-root" "$DBC_ROOT" "$DBC_REPO" "${#envs[@]}" "${envs[@]}" "$@"
}

# ----------------------------------------------------------- environments ---

# Runs the pyproject helper with the environment's interpreter.
dbc_pyproject() {
    local tool
    tool="$(<"$DBC_REPO/scripts/lib/pyproject_groups.py")"
    if [[ "$DBC_MODE" == host ]]; then
        "$DBC_HOST_PYTHON" -I -c "$tool" "$@" <"$DBC_REPO/pyproject.toml"
    else
        chroot "${DBC_ROOT:-/}" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
            python3.14 -I -c "$tool" "$@" <"$DBC_REPO/pyproject.toml"
    fi
}

# Sets DBC_VENV (path as seen by commands) and DBC_VENV_HOST (path on the host).
dbc_venv_paths() {
    local group="$1" salt key
    if [[ "$DBC_MODE" == host ]]; then
        salt="host:$DBC_HOST_PYTHON:$("$DBC_HOST_PYTHON" -c 'import sys; print(sys.version)')"
    else
        salt="root"
    fi
    key="$(dbc_pyproject key "$group" "recipe:$DBC_RECIPE" "$salt")" || dbc_die "cannot read pyproject.toml"
    if [[ "$DBC_MODE" == host ]]; then
        DBC_VENV="$DBC_CACHE/venv/$group-$key"
        DBC_VENV_HOST="$DBC_VENV"
    else
        DBC_VENV="/opt/dbc/$group-$key"
        DBC_VENV_HOST="$DBC_ROOT$DBC_VENV"
    fi
}

# Runs CMD in the environment of group GROUP (venv activated, cwd = repo).
# Replaces the current process.
dbc_exec_in() {
    local venv="$1"
    shift
    # The command must not hold the setup lock (closing is enough: in a
    # subshell the parent keeps it, at top level this releases it).
    if [[ -n "$DBC_LOCK_FD" ]]; then exec {DBC_LOCK_FD}>&-; fi
    if [[ "$DBC_MODE" == host ]]; then
        cd "$DBC_REPO" || exit 1
        if [[ -n "$venv" ]]; then
            export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"
        fi
        unset PYTHONHOME PYTHONPATH
        exec "$@"
    fi
    dbc__enter_root "$venv" "$@"
}

# Like dbc_exec_in, in a subshell: returns the command's exit status.
dbc_run_in() {
    (dbc_exec_in "$@")
}

# Ensures the requirements of the components the integration's manifest
# declares are installed (cheap when the manifest did not change).
dbc_sync_manifest_requirements() {
    local group="$1" manifest="$DBC_REPO/$DBC_MANIFEST" sum stamp
    [[ -f "$manifest" ]] || return 0
    sum="$(sha256sum "$manifest" | cut -c1-16)"
    stamp="$DBC_VENV_HOST/.dbc-manifest-$sum"
    [[ -f "$stamp" ]] && return 0
    dbc_lock
    [[ -f "$stamp" ]] && return 0
    dbc_log "Checking requirements of $DBC_MANIFEST ($group environment)"
    dbc_install_component_requirements "$group" --manifest "$DBC_MANIFEST" || return 1
    rm -f "$DBC_VENV_HOST"/.dbc-manifest-*
    touch "$stamp"
}

# Installs the PyPI requirements of Home Assistant components into DBC_VENV.
# Packages already in the environment keep their versions; new ones follow
# Home Assistant's own package constraints.
dbc_install_component_requirements() {
    local group="$1"
    shift
    local out="$DBC_VENV_HOST/.dbc-component-requirements.txt"
    local frozen="$DBC_VENV_HOST/.dbc-frozen.txt"
    dbc_run_in "$DBC_VENV" python scripts/lib/ha_requirements.py "$@" >"$out.new" ||
        dbc_die "could not resolve Home Assistant component requirements"
    mv -f "$out.new" "$out"
    if [[ ! -s "$out" ]]; then
        dbc_note "no component requirements"
        return 0
    fi
    dbc_note "component requirements: $(tr '\n' ' ' <"$out")"
    dbc_run_in "$DBC_VENV" sh -c 'python -m pip freeze --exclude-editable >"$1"' sh "$DBC_VENV/.dbc-frozen.txt"
    local constraints
    constraints="$(dbc_run_in "$DBC_VENV" python -c 'import homeassistant, pathlib; print(pathlib.Path(homeassistant.__file__).parent / "package_constraints.txt")')"
    if dbc_run_in "$DBC_VENV" python -m pip install -q -r "$DBC_VENV/.dbc-component-requirements.txt" \
        -c "$DBC_VENV/.dbc-frozen.txt" -c "$constraints"; then
        rm -f "$frozen"
        return 0
    fi
    # Find out which requirement fails, and say so.
    local failed=() req
    while IFS= read -r req; do
        dbc_run_in "$DBC_VENV" python -m pip install -q "$req" \
            -c "$DBC_VENV/.dbc-frozen.txt" -c "$constraints" || failed+=("$req")
    done <"$out"
    rm -f "$frozen"
    if ((${#failed[@]})); then
        printf '%s\n' "${failed[@]}" >"$DBC_VENV_HOST/.dbc-failed-requirements"
        dbc_warn "these Home Assistant component requirements could not be installed into the $group environment: ${failed[*]}"
        dbc_warn "tests that use the components needing them will fail to import them."
        return 1
    fi
}

dbc_build_venv() {
    local group="$1" start
    start=$(date +%s)
    dbc_log "Creating the '$group' environment in $DBC_VENV_HOST"
    rm -rf --one-file-system "$DBC_VENV_HOST"
    mkdir -p "$(dirname "$DBC_VENV_HOST")"
    # Interrupted builds of this group are never used; remove them.
    local old
    for old in "$(dirname "$DBC_VENV_HOST")/$group"-*; do
        [[ -d "$old" && ! -f "$old/.dbc-complete" ]] && rm -rf --one-file-system "$old"
    done
    dbc_pyproject requirements "$group" >"$DBC_CACHE/.requirements-$group.$$" ||
        dbc_die "cannot read group $group from pyproject.toml"
    if [[ "$DBC_MODE" == host ]]; then
        "$DBC_HOST_PYTHON" -m venv "$DBC_VENV_HOST"
    else
        dbc_run_in "" python3.14 -m venv "$DBC_VENV"
    fi
    mv "$DBC_CACHE/.requirements-$group.$$" "$DBC_VENV_HOST/.dbc-requirements.txt"
    dbc_note "pins: $(tr '\n' ' ' <"$DBC_VENV_HOST/.dbc-requirements.txt")"
    dbc_run_in "$DBC_VENV" python -m pip install -q --upgrade pip ||
        dbc_die "pip upgrade failed in the $group environment"
    dbc_run_in "$DBC_VENV" python -m pip install -q -r "$DBC_VENV/.dbc-requirements.txt" ||
        dbc_die "installing the $group group failed"
    dbc_note "group installed ($(dbc_since "$start"))"
    local components=()
    mapfile -t components < <(dbc_pyproject components "$group")
    if ((${#components[@]})); then
        dbc_log "Installing requirements of Home Assistant components (${#components[@]} listed, with their dependencies)"
        dbc_install_component_requirements "$group" "${components[@]}" ||
            dbc_die "component requirements failed for the $group environment (see above)"
    fi
    dbc_run_in "$DBC_VENV" python -m pip check >/dev/null 2>&1 ||
        dbc_warn "pip check reports conflicts in the $group environment: $(dbc_run_in "$DBC_VENV" python -m pip check 2>&1 | tr '\n' ';')"
    touch "$DBC_VENV_HOST/.dbc-complete"
    dbc_note "'$group' environment ready in $(dbc_since "$start")"
}

# Makes sure the environment of GROUP exists; sets DBC_VENV / DBC_VENV_HOST.
dbc_ensure_env() {
    local group="$1"
    dbc_detect_mode
    if [[ "$DBC_MODE" == root ]]; then
        dbc_ensure_root
        if [[ "$group" == develop ]] && ! dbc_root_has "${DBC_DEVELOP_ROOT_PACKAGES[@]}"; then
            dbc_lock
            dbc_root_apt_install "${DBC_DEVELOP_ROOT_PACKAGES[@]}"
        fi
    fi
    dbc_venv_paths "$group"
    if [[ ! -f "$DBC_VENV_HOST/.dbc-complete" ]]; then
        dbc_lock
        [[ -f "$DBC_VENV_HOST/.dbc-complete" ]] || dbc_build_venv "$group"
    fi
    dbc_sync_manifest_requirements "$group" ||
        dbc_die "requirements of $DBC_MANIFEST failed in the $group environment (see above)"
    dbc_unlock
}
