#!/usr/bin/env python3
"""Writes the DNS benchmark's inputs into DIR: conf/services.json (the agent's catalog), queries (dnsperf
input: 50% SRV, 40% A, 10% unknown names, shuffled) and consul.zone (the same answers for Knot DNS).

Usage: dns-data.py SERVICES INSTANCES DIR
Instance k of service s gets tag t<k> and its own address, so Consulate answers SRV with
<hex-ip>.addr.dc1.consul. targets plus their A records in Additional; the zone holds exactly those records.
"""
import json
import os
import random
import sys

services, instances, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.join(out, "conf"), exist_ok=True)

entries, zone, queries = [], [], []
zone += ["$ORIGIN consul.", "$TTL 0",
         "@ SOA ns.consul. hostmaster.consul. 1 3600 600 86400 0",
         "@ NS bench.node.dc1.consul.",
         "bench.node.dc1 A 127.0.0.1"]
serial = 0
for s in range(1, services + 1):
    name = f"svc{s}"
    srv, a = [], []
    for i in range(1, instances + 1):
        serial += 1
        ip = f"10.{serial >> 16 & 255}.{serial >> 8 & 255}.{serial & 255}"
        port = 20000 + i
        target = "".join(f"{int(o):02x}" for o in ip.split(".")) + ".addr.dc1.consul."
        entries.append({"name": name, "id": f"{name}-{i}", "port": port, "address": ip, "tags": [f"t{i}"]})
        srv.append((f"1 1 {port} {target}", f"t{i}"))
        a.append((ip, f"t{i}"))
        zone.append(f"{target} A {ip}")
    for suffix in ("service", "service.dc1"):
        for rdata, tag in srv:
            zone.append(f"{name}.{suffix} SRV {rdata}")
            zone.append(f"{tag}.{name}.{suffix} SRV {rdata}")
        for ip, tag in a:
            zone.append(f"{name}.{suffix} A {ip}")
            zone.append(f"{tag}.{name}.{suffix} A {ip}")
    for rdata, tag in srv:
        zone.append(f"_{name}._tcp.service SRV {rdata}")
        zone.append(f"_{name}._{tag}.service SRV {rdata}")
    t = lambda k: f"t{(s + k) % instances + 1}"
    queries += [f"{name}.service.consul SRV", f"{t(0)}.{name}.service.consul SRV",
                f"_{name}._tcp.service.consul SRV", f"_{name}._{t(1)}.service.consul SRV",
                f"{name}.service.dc1.consul SRV",
                f"{name}.service.consul A", f"{t(2)}.{name}.service.consul A",
                f"{name}.service.dc1.consul A", f"{t(0)}.{name}.service.dc1.consul A",
                f"no{name}.service.consul A"]

random.seed(42)
random.shuffle(queries)
with open(os.path.join(out, "conf", "services.json"), "w") as f:
    json.dump({"services": entries}, f)
with open(os.path.join(out, "queries"), "w") as f:
    f.write("\n".join(queries) + "\n")
with open(os.path.join(out, "consul.zone"), "w") as f:
    f.write("\n".join(zone) + "\n")
