#!/usr/bin/env bash
# Builds the reactor (offline, no install) and runs the two-process load run:
#   sample-webapp/bench/run-load.sh            the full run (thousands of streams: minutes, all cores)
#   sample-webapp/bench/run-load.sh smoke      tiny numbers, to check that every phase works
#   sample-webapp/bench/run-load.sh many=1000 phases=c,d   any key=value of RunLoad.DEFAULTS
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -q -B -pl sample-webapp -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cd sample-webapp
# Reactor modules resolve to their target/classes; drop the Arquillian containers and Jetty's
# annotation scanning, as surefire does for SampleServer.
CP=target/test-classes:target/classes:$(tr ':' '\n' < target/bench.classpath | grep -v -e /org/jboss/arquillian/ \
   -e /org/apache/tomcat/ -e /jetty-deploy- -e /jetty-ee10-annotations- -e /jetty-ee10-plus- | paste -sd:)
exec java -Xmx1g -cp "$CP" dev.chatroute.sample.bench.RunLoad "$@"
