# Sourced by the scripts that run the project's jars (deploy/local/run.sh, benchmarks/run.sh,
# reliability/run.sh), after they set ROOT to the repository's root.
#
# build_when_stale LABEL GOAL MARKER [BUILT...]
# Builds the project with the Maven Wrapper (GOAL: package or install; tests skipped) when MARKER or
# one of the BUILT paths is missing, or when a source, a pom or the JVM options are newer than MARKER
# or than the oldest BUILT file: a build older than the sources would run yesterday's code. MARKER is the caller's classpath file,
# rewritten by every build that includes the caller's module.
build_when_stale() {
  local label=$1 goal=$2 marker=$3
  shift 3
  local missing=false built oldest=$marker
  for built in "$marker" "$@"; do
    [ -e "$built" ] || missing=true
    # the oldest built file is the reference: a build that stops before packaging (test-compile)
    # rewrites the marker but leaves yesterday's jars
    if [ -f "$built" ] && [ "$built" -ot "$oldest" ]; then oldest=$built; fi
  done
  if $missing; then
    echo "[$label] building the project (first run: a few minutes)"
  elif [ -n "$(find "$ROOT" \( -name target -o -name .data -o -name .git \) -prune \
      -o \( -path '*/src/main/*' -o -name pom.xml -o -path '*/deploy/jvm/*' \) -type f -newer "$oldest" -print -quit)" ]; then
    echo "[$label] sources changed since the last build: rebuilding the project (a few minutes)"
  else
    return 0
  fi
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -DskipTests "$goal"
}
