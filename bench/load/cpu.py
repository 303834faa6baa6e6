"""CPU time spent by each part of the load test, read from /proc (Linux).

The server's workers, PostgreSQL, Redis and the client share the machine: the
CPU seconds each used during a pass, divided by the answers of the pass, say
where an answer's cost goes. Elsewhere than Linux the figures are left out.

A group is a root process and its live descendants. A child that ends (a
database connection closed after CONN_MAX_AGE, a worker replaced) moves its
CPU time into its parent's "children" counters once reaped, so a group's
total counts the root's own and children's times plus its live
descendants': the difference of two totals is what the group used in
between. PostgreSQL is the whole server (its postmaster and every backend):
measure on a machine where nothing else uses it.
"""

import os
from pathlib import Path

PROC = Path("/proc")
GROUPS = ("server", "postgresql", "redis", "client")


def _fields(pid: int) -> list[str]:
    return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def _own(fields: list[str]) -> int:
    return int(fields[11]) + int(fields[12])  # utime + stime


def _reaped(fields: list[str]) -> int:
    return int(fields[13]) + int(fields[14])  # cutime + cstime


def postmaster_pid(database_url: str) -> int:
    """Return the PostgreSQL server's main process (a backend's parent)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    return int(_fields(backend)[1])


def _processes() -> dict[int, tuple[int, str]]:
    """Return pid -> (parent pid, name) of every process."""
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            found[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), name)
        except (OSError, ValueError, IndexError):
            continue
    return found


def _group_ticks(root: int, processes) -> int:
    try:
        fields = _fields(root)
    except (OSError, IndexError):
        return 0
    total = _own(fields) + _reaped(fields)
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, _) in processes.items():
            if ppid != parent:
                continue
            frontier.append(pid)
            try:
                total += _own(_fields(pid))
            except (OSError, IndexError):
                continue  # ended meanwhile: its parent counts it once reaped
    return total


def snapshot(server_pid: int, postmaster: int) -> dict[str, int] | None:
    """Return the clock ticks each group has used so far (None without /proc)."""
    if not PROC.is_dir():
        return None
    processes = _processes()
    redis = [pid for pid, (_, name) in processes.items() if name.startswith("redis")]
    return {
        "server": _group_ticks(server_pid, processes),
        "postgresql": _group_ticks(postmaster, processes),
        "redis": sum(_group_ticks(pid, processes) for pid in redis),
        # Its own time only: the server it started is one of its children.
        "client": _own(_fields(os.getpid())),
    }


def per_answer_ms(before, after, answers: int) -> dict[str, float]:
    """Return the CPU milliseconds per answer of each group between two snapshots."""
    if before is None or after is None or not answers:
        return {}
    hertz = os.sysconf("SC_CLK_TCK")
    return {
        group: round(1000 * (after[group] - before[group]) / hertz / answers, 2)
        for group in GROUPS
    }
