#!/usr/bin/env python3
"""Milliseconds from launching a command to its first answered create-payment request.

Usage: first-answer.py PORT COMMAND...   (the command must listen on 127.0.0.1:PORT)
One process polls with a persistent-free, tiny request every 5 ms, so the poller itself takes
little of the machine's two cores. Prints the figure and stops the command with SIGTERM.
"""
import http.client
import subprocess
import sys
import time

BODY = ("payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd"
        "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=startup-1")


def main():
    port = int(sys.argv[1])
    command = sys.argv[2:]
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = start + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("POST", "/v1/one_time_payment", BODY,
                             {"Content-Type": "application/x-www-form-urlencoded"})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    print(f"{(time.monotonic() - start) * 1000:.0f}")
                    return
            except OSError:
                pass
            time.sleep(0.005)
        print("timeout", file=sys.stderr)
        sys.exit(1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
