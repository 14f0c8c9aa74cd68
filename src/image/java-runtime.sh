#!/usr/bin/env bash
# Assembles the root file system of the gateway's container image below the application layers, without a
# container registry or a Docker engine (docs/deploy.md, "Container image"): a Java runtime made by jlink from
# the build JDK, the few shared libraries it loads (copied from this Debian machine, as distroless images do),
# the C.UTF-8 locale, /etc/passwd with the non-root user, and an empty /tmp. Jib adds it as a layer.
#
# Usage: java-runtime.sh <jdk home> <output folder> <modules, comma-separated> <uid>
set -euo pipefail

jdk=$1 out=$(realpath -m "$2") modules=$3 uid=$4

if [ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]; then
  echo "java-runtime.sh: the image is linux/amd64; build it on Linux x86-64 (this is $(uname -s)/$(uname -m))" >&2
  exit 1
fi
command -v ldd >/dev/null || { echo "java-runtime.sh: ldd (libc-bin) is needed" >&2; exit 1; }
[ -x "$jdk/bin/jlink" ] || { echo "java-runtime.sh: $jdk has no bin/jlink; set -Dimage.jdk=<a JDK home>" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"

# A JDK that ships jmods links from them; a newer one without jmods links from its own run-time image.
module_path=()
[ -d "$jdk/jmods" ] && module_path=(--module-path "$jdk/jmods")
"$jdk/bin/jlink" "${module_path[@]}" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$out/opt/java"

# A headless server: the X11 toolkit (and JAWT, which needs it), the splash screen and sound would pull in X11
# and ALSA for nothing.
rm -f "$out"/opt/java/lib/{libawt_xawt.so,libjawt.so,libsplashscreen.so,libjsound.so}
# jlink links the legal notices of every module to java.base's; an image layer keeps plain files.
find "$out/opt/java" -type l | while read -r link; do
  target=$(readlink -f "$link"); rm "$link"; cp "$target" "$link"
done

# Every shared library outside the runtime that one of its programs or libraries needs, at the path the
# dynamic loader looks for it (ldd resolves the whole tree, the loader /lib64/ld-linux-x86-64.so.2 included).
# The runtime's own libraries find libjvm.so because the launcher loaded it first; ldd is told where it is.
libraries=$(find "$out/opt/java" -type f | while read -r file; do
  if [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ]; then
    LD_LIBRARY_PATH="$out/opt/java/lib:$out/opt/java/lib/server" ldd "$file"
  fi
done | sort -u)
if grep -q 'not found' <<<"$libraries"; then
  echo "java-runtime.sh: a library of the runtime is missing on this machine:" >&2
  grep 'not found' <<<"$libraries" >&2
  exit 1
fi
for library in $(awk '/=>/ {print $3} !/=>/ {print $1}' <<<"$libraries" | grep '^/' | grep -v "^$out" | sort -u); do
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
  # The licence of the Debian package the library comes from travels with it.
  if command -v dpkg >/dev/null && package=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | head -n 1 | cut -d: -f1); then
    if [ -f "/usr/share/doc/$package/copyright" ]; then
      mkdir -p "$out/usr/share/doc/$package"
      cp "/usr/share/doc/$package/copyright" "$out/usr/share/doc/$package/copyright"
    fi
  fi
done

# LANG=C.UTF-8 makes file names and the console UTF-8 (Vietnamese names in exchange folders); glibc reads the
# compiled locale from here.
mkdir -p "$out/usr/lib/locale"
cp -a /usr/lib/locale/C.utf8 "$out/usr/lib/locale/"

# The non-root user. Its primary group is root (0), the convention that also lets a platform run the image
# under an arbitrary uid: the data folder is group-writable, everything else is read-only to it.
mkdir -p "$out/etc" "$out/tmp" "$out/opt/lienthong-gateway/data"
cat > "$out/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
gateway:x:$uid:0:Lien thong Gateway:/opt/lienthong-gateway:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<GROUP
root:x:0:
GROUP
cat > "$out/etc/nsswitch.conf" <<NSS
passwd: files
group: files
hosts: files dns
NSS
