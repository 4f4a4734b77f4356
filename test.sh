#!/usr/bin/env bash
# The test command (README, .ci/run): every module on the default Flink (2.3.0), then the connector,
# the SQL jar and the e2e tests on each other supported Flink:
#   flink-2.2, flink-2.1, flink-2.0  the connector's unit tests and ITs compiled and run against that
#                                    version; the packaging and e2e tests take the 2.x jar the default
#                                    build made (one jar for the whole 2.x line, built once)
#   flink-1.20                       the 1.20 line's own jars, built and tested against Flink 1.20
# Each version builds into target/flink-<version>, so none overwrites another.
#
#   ./test.sh                          all of them, in the order above
#   ./test.sh flink-1.20 -- -o         only some (flink-2.3 is the default build), Maven options after --
set -euo pipefail
cd "$(dirname "$0")"

ALL=(flink-2.3 flink-2.2 flink-2.1 flink-2.0 flink-1.20)
selected=()
while (($#)); do
    case "$1" in
        --) shift; break ;;
        flink-2.3 | flink-2.2 | flink-2.1 | flink-2.0 | flink-1.20) selected+=("$1"); shift ;;
        *) echo "unknown argument '$1'; expected any of: ${ALL[*]} [-- maven options]" >&2; exit 2 ;;
    esac
done
((${#selected[@]})) || selected=("${ALL[@]}")
maven=(mvn -B -ntp "$@")

summary=()
report() {
    echo
    echo "== test.sh: seconds per Flink profile (versions in pom.xml) =="
    printf '%s\n' "${summary[@]}"
    echo "total: ${SECONDS} s"
}
trap report EXIT

run() {
    local label=$1 start=$SECONDS status=0
    shift
    echo "== test.sh: $label: ${maven[*]} $*"
    "${maven[@]}" "$@" || status=$?
    local result="$label: $((SECONDS - start)) s"
    ((status == 0)) || result+=" FAILED"
    summary+=("$result")
    return "$status"
}

# The Flink-dependent modules and what they need; the others have no Flink to vary.
flink_modules=(-pl flink-connector-datahub,flink-sql-connector-datahub,e2e-tests -am)
prebuilt_jars="$PWD/e2e-tests/target/e2e-jars"

for version in "${selected[@]}"; do
    case "$version" in
        flink-2.3) run "flink-2.3 (every module)" verify ;;
        flink-1.20) run "$version" verify -Pflink-1.20 "${flink_modules[@]}" ;;
        *)
            if [[ ! -f "$prebuilt_jars/flink-sql-connector-datahub.jar" ]]; then
                echo "$version tests the 2.x jar of the default build; run ./test.sh flink-2.3 first" >&2
                exit 2
            fi
            run "$version" verify "-P$version" "${flink_modules[@]}" "-Dprebuilt.jars=$prebuilt_jars"
            ;;
    esac
done
