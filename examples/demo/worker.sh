#!/bin/sh
# Demo worker: reports its number and environment, then works until stopped.
echo "worker $1 started as $(id -un) in $(pwd): $GREETING ($WORKER_MODE)"
trap 'echo "worker $1 stopping"; exit 0' TERM
while true; do
  echo "worker $1 tick"
  sleep 5 &
  wait $!
done
