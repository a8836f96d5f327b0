#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample --stack-depth N` (stdin) into top frames.

Prints: the hottest frames by self time; the hottest frames of chosen packages by inclusive
time (a frame counts once per sample); and each sample put in one bucket by the first
matching rule below, walking from the top of the stack (so the most specific rule wins).
"""
import collections
import re
import sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
BUCKETS = [  # (bucket, frame prefix), checked against each frame from the top down
    ("schema validation (swagger-request-validator / fge / Rhino)",
     ("com.atlassian.oai", "com.github.fge", "org.mozilla")),
    ("mock: reading the body", ("dev.mixpaykit.mock.internal.RequestBody",)),
    ("mock: payment store", ("dev.mixpaykit.mock.internal.PaymentStore",)),
    ("mock: envelopes / answers", ("dev.mixpaykit.mock.internal.Envelopes",
                                  "dev.mixpaykit.mock.internal.Responder.answer")),
    ("mock: other", ("dev.mixpaykit.mock",)),
    ("WireMock: request journal / serve events", ("com.github.tomakehurst.wiremock.verification",
                                                  "com.github.tomakehurst.wiremock.store")),
    ("WireMock: stub matching", ("com.github.tomakehurst.wiremock.matching",
                                 "com.github.tomakehurst.wiremock.stubbing")),
    ("WireMock: other", ("com.github.tomakehurst", "wiremock.")),
    ("Jetty / servlet I/O", ("org.eclipse.jetty", "jakarta.servlet")),
    ("JDK / other", ("",)),
]
INCLUSIVE = ("dev.mixpaykit", "com.atlassian.oai", "com.github.tomakehurst.wiremock.http",
             "com.github.tomakehurst.wiremock.stubbing", "com.github.tomakehurst.wiremock.verification",
             "com.github.tomakehurst.wiremock.common")


def samples(lines):
    stack, inside = [], False
    for line in lines:
        if line.startswith("jdk.ExecutionSample"):
            stack, inside = [], False
        elif "stackTrace = [" in line:
            inside = True
        elif inside and line.strip() == "]":
            inside = False
            yield stack
        elif inside:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    self_time, inclusive, buckets = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    for stack in samples(sys.stdin):
        if not stack:
            continue
        n += 1
        self_time[stack[0]] += 1
        for frame in set(stack):
            if frame.startswith(INCLUSIVE):
                inclusive[frame] += 1
        for frame in stack:
            bucket = next((b for b, prefixes in BUCKETS if frame.startswith(prefixes)), None)
            if bucket and not bucket.startswith("JDK"):
                buckets[bucket] += 1
                break
        else:
            buckets["JDK / other"] += 1
    if n == 0:
        print("no samples")
        return
    print(f"{n} samples")
    print("\n-- by what the time is spent on (innermost matching frame wins)")
    for b, c in buckets.most_common():
        print(f"{100 * c / n:5.1f}%  {b}")
    print(f"\n-- top {top} frames, self time")
    for f, c in self_time.most_common(top):
        print(f"{100 * c / n:5.1f}%  {f}")
    print(f"\n-- top {top} frames of the mock, the validator and WireMock, inclusive")
    for f, c in inclusive.most_common(top):
        print(f"{100 * c / n:5.1f}%  {f}")


if __name__ == "__main__":
    main()
