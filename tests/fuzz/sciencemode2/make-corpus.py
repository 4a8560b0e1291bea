#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the ScienceMode2 seed corpora (tests/fuzz/corpus/sciencemode2/<target>/) from the copied vectors.

Run from anywhere: python3 tests/fuzz/sciencemode2/make-corpus.py. Output is deterministic; commit it.
Seeds named regression_* are inputs that once broke a property (a fuzz finding, minimised), committed by hand
beside the generated ones; the script leaves them in place.
"""
import json
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "data" / "protocol-vectors.json"
OUT = ROOT / "tests" / "fuzz" / "corpus" / "sciencemode2"
REGRESSION_PREFIX = "regression_"


def frames(vectors, direction):
    return {v["name"]: bytes.fromhex(v["hex"]) for v in vectors if v["direction"] == direction}


def write(target, seeds):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        if not old.name.startswith(REGRESSION_PREFIX):
            old.unlink()
    for name, data in sorted(seeds.items()):
        (folder / name).write_bytes(data)


def stream(parts, rng):
    """All frames in one stream with garbage (no F0) and a burst between them."""
    out = bytearray()
    for data in parts:
        out += bytes(rng.choice([0x0F, 0x81, 0x55, 0x00, 0xAA]) for _ in range(rng.randint(0, 3)))
        out += data
    return bytes(out)


def main():
    vectors = json.loads(VECTORS.read_text())["sciencemode2"]
    rng = random.Random(2)
    to_host = frames(vectors, "device_to_host")
    to_device = frames(vectors, "host_to_device")
    host_seeds = dict(to_host)
    host_seeds["stream_all"] = stream(to_host.values(), rng)
    device_seeds = dict(to_device)
    device_seeds["stream_all"] = stream(to_device.values(), rng)
    write("fuzz_sm2_host_decoder", host_seeds)
    write("fuzz_sm2_device_decoder", device_seeds)
    # The round-trip target reads field values from its input; any bytes are a valid seed.
    roundtrip = {name: data for name, data in list(to_device.items()) + list(to_host.items())}
    for i in range(8):
        roundtrip[f"random_{i}"] = bytes(rng.randrange(256) for _ in range(64 * (i + 1)))
    write("fuzz_sm2_roundtrip", roundtrip)


if __name__ == "__main__":
    main()
