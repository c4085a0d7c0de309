#!/bin/sh
# Stand-in for the apache/kafka image's /opt/kafka/bin/kafka-server-start.sh: starts the broker or controller
# from the Kafka jars of the same version in ../libs. Honours the variables the official script honours.
home=$(cd "$(dirname "$0")/.." && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 # the *_OPTS variables are word lists, as in Kafka's own scripts
exec "$java" ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
  -Dlog4j2.configurationFile="${KAFKA_LOG4J_CONFIG:-$home/config/log4j2.properties}" \
  ${KAFKA_OPTS:-} -cp "$home/libs/*" kafka.Kafka "$@"
