#!/bin/sh
# helm test: wait until the cluster is healthy, then prove it keeps every acknowledged record.
# Runs in the kafka-ha image; BOOTSTRAP, TOPIC, WAIT_SECONDS, DURATION_SECONDS and RATE come from the test pod.
set -u
deadline=$(( $(date +%s) + WAIT_SECONDS ))
echo "helm test: waiting up to ${WAIT_SECONDS}s for ${BOOTSTRAP} to be healthy"
until status=$(kafka-ha status -b "$BOOTSTRAP" 2>&1); do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "helm test: FAIL: ${BOOTSTRAP} is not healthy after ${WAIT_SECONDS}s; its last status:"
    echo "$status"
    exit 1
  fi
  sleep 5
done
echo "$status"
# Fails unless every acknowledged record was consumed once and in order, and every send was acknowledged.
exec kafka-ha verify -b "$BOOTSTRAP" --topic "$TOPIC" --duration "$DURATION_SECONDS" --rate "$RATE" --strict
