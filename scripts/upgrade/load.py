#!/usr/bin/env python3
"""The upgrade test's steady load and DNS prober (scripts/upgrade-test.sh).

Usage: load.py WORKDIR NAME:HTTP_PORT:DNS_PORT...

Writers PUT unique KV keys (upgrade/w<writer>/<n>) to a random node that is up, and record each write the
agent acknowledged (answered "true") in WORKDIR/acked.txt. The prober asks every node that is up for
web.service.consul A every 200 ms with dig, and records a probe that got no address in WORKDIR/dns-failures.txt.
A node is down while WORKDIR/down/<name> exists: the test creates it before it stops the node and removes it
once the new one answers. Runs until WORKDIR/stop exists, then writes WORKDIR/load.json (counts).
"""
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.request

WRITERS = 3
PAUSE = 0.05  # about 20 writes/s per writer: steady, and not a benchmark
work = sys.argv[1]
nodes = [tuple(arg.split(":")) for arg in sys.argv[2:]]
counts = {"attempts": 0, "acked": 0, "errors": 0, "probes": 0, "probe_failures": 0}
lock = threading.Lock()


def up():
    return [n for n in nodes if not os.path.exists(os.path.join(work, "down", n[0]))]


def stopping():
    return os.path.exists(os.path.join(work, "stop"))


def count(key):
    with lock:
        counts[key] += 1


def writer(w):
    with open(os.path.join(work, f"acked-{w}.txt"), "w") as acked:
        n = 0
        while not stopping():
            candidates = up()
            if not candidates:
                time.sleep(0.05)
                continue
            name, http, _ = random.choice(candidates)
            n += 1
            key, value = f"upgrade/w{w}/{n}", f"{w}-{n}"
            count("attempts")
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{http}/v1/kv/{key}", data=value.encode(), method="PUT")
                with urllib.request.urlopen(req, timeout=10) as res:
                    ok = res.read().strip() == b"true"
            except Exception:
                ok = False
            if ok:
                count("acked")
                acked.write(f"{key} {value} {name}\n")
                acked.flush()
            else:
                count("errors")
            time.sleep(PAUSE)


def prober():
    with open(os.path.join(work, "dns-failures.txt"), "w") as failures:
        while not stopping():
            for name, _, dns in up():
                out = subprocess.run(["dig", "@127.0.0.1", "-p", dns, "+time=1", "+tries=2", "+short",
                                      "web.service.consul", "A"], capture_output=True, text=True).stdout.split("\n")
                # Only address lines count: dig prints its timeouts on stdout too.
                out = [line for line in out if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", line.strip())]
                if os.path.exists(os.path.join(work, "down", name)):
                    continue  # it went down during the probe: not a failure of a node that was up
                count("probes")
                if not out:
                    count("probe_failures")
                    failures.write(f"{time.strftime('%H:%M:%S')} {name}: no answer\n")
                    failures.flush()
            time.sleep(0.2)


threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)] + [threading.Thread(target=prober)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(os.path.join(work, "load.json"), "w") as out:
    json.dump(counts, out)
