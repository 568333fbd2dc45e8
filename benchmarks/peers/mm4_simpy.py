# SPDX-License-Identifier: Apache-2.0
"""SimPy's side of the peer comparison run by benchmarks/peers/run: the M/M/4 model (Poisson
arrivals at 5,000 msg/s, 4 servers, exp(0.5 ms) service, one FIFO queue) written as SimPy's own
examples are (one process per message requesting a Resource of capacity 4), with the latency of
every message (arrival to end of service). Prints one line per run, as Pipewright's PeerMM4 and
SSJ's SsjMM4 do.

Arguments: virtual seconds per run, number of runs."""
import random
import sys
import time

import simpy

ARRIVAL_RATE = 5000.0
SERVICE_RATE = 2000.0
SERVERS = 4


def model(env, servers, rng, stats):
    def message(arrived):
        with servers.request() as request:
            yield request
            yield env.timeout(rng.expovariate(SERVICE_RATE))
        stats[0] += 1
        stats[1] += env.now - arrived

    def source():
        while True:
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))
            env.process(message(env.now))

    env.process(source())


def main():
    virtual_seconds = float(sys.argv[1])
    runs = int(sys.argv[2])
    for run in range(1, runs + 1):
        start = time.perf_counter()
        cpu_start = time.process_time()
        env = simpy.Environment()
        stats = [0, 0.0]  # messages finished, sum of their latencies
        model(env, simpy.Resource(env, capacity=SERVERS), random.Random(run), stats)
        env.run(until=virtual_seconds)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        print("simpy run=%d messages=%d events=0 mean_ms=%.5f seconds=%.4f cpu=%.4f"
              % (run, stats[0], stats[1] / stats[0] * 1000, seconds, cpu), flush=True)


if __name__ == "__main__":
    main()
