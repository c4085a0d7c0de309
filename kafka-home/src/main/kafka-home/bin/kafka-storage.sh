#!/bin/sh
# Stand-in for the apache/kafka image's /opt/kafka/bin/kafka-storage.sh: Kafka's storage tool from ../libs.
home=$(cd "$(dirname "$0")/.." && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$home/config/log4j2.properties" \
  -cp "$home/libs/*" kafka.tools.StorageTool "$@"
