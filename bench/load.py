"""The load side of the benchmark: wrk against the running server, and plain requests to it."""

import http.client
import os
import subprocess
import tempfile
import time
from urllib.parse import urlsplit

# wrk's own summary rounds percentiles for display; its Lua `done` hook gives them exactly.
LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def status_of(base: str, path: str, cookie: str | None, timeout: float = 30) -> int:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def drain(base: str, result: dict) -> None:
    """Wait for the requests wrk left behind: sync workers finish them after wrk has hung up, and they
    would slow the next page's run. Those in progress end within about the run's slowest latency (the
    longest wait if nothing was answered); then one ping, answered after any still queued."""
    time.sleep(min(result["p99"] / 1000 if result["requests"] else 30.0, 30.0))
    status_of(base, "/ping/", None, timeout=600)


def run_wrk(
    base: str, path: str, cookie: str | None, *, threads: int, connections: int, duration: str
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    # A generous timeout: a request wrk gives up on is counted as an error and its latency left out of
    # the percentiles, which would flatter the slowest pages.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency",
               "--timeout", "60s", "-s", script.name]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    try:
        out = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50, p95, p99, bad_status, socket_errors = map(int, line.split()[1:])
    return {
        "rps": requests / (duration_us / 1e6),
        "requests": requests,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": bad_status + socket_errors,
        "duration": duration,
    }
