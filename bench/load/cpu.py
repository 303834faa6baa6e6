"""CPU time spent by each part of the load test, read from /proc (Linux).

The server's workers, PostgreSQL, Redis and the client share the machine: the
CPU seconds each used during a pass, divided by the answers of the pass, say
where an answer's cost goes. Elsewhere than Linux the figures are left out.
"""

import os
from pathlib import Path

PROC = Path("/proc")
GROUPS = ("server", "postgresql", "redis", "client")


def _ticks(pid: int) -> int:
    fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _descendants(root: int, parents: dict[int, int]) -> set[int]:
    found, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found.update(children)
        frontier.extend(children)
    return found


def database_pids(database_url: str) -> set[int]:
    """Return the PostgreSQL processes of this run: its database's backends and
    the server's own processes (WAL writer, checkpointer…), not other databases'."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE (datname = %s OR datname IS NULL) AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return {pid for (pid,) in rows}


def snapshot(server_pid: int, postgresql: set[int]) -> dict[str, dict] | None:
    """Return the clock ticks each process of each group has used so far.

    ``postgresql``: the database's processes (``database_pids``). None where
    /proc is missing.
    """
    if not PROC.is_dir():
        return None
    parents = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "stat").read_text()
            parents[int(entry.name)] = int(status.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    groups = {
        "server": _descendants(server_pid, parents),
        "postgresql": postgresql,
        "redis": {pid for pid in parents if _name(pid).startswith("redis")},
        "client": {os.getpid()},
    }
    ticks = {}
    for group, pids in groups.items():
        ticks[group] = {}
        for pid in pids:
            try:
                ticks[group][pid] = _ticks(pid)
            except (OSError, ValueError, IndexError):
                continue
    return ticks


def _name(pid: int) -> str:
    try:
        status = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return ""
    return status[status.index("(") + 1 : status.rindex(")")]


def per_answer_ms(before, after, answers: int) -> dict[str, float]:
    """Return the CPU milliseconds per answer of each group between two snapshots.

    Per process: what it used since the first snapshot (all of it when it
    started since, as a worker the server replaced); a process that ended
    in between is not counted, so each figure is a floor.
    """
    if before is None or after is None or not answers:
        return {}
    hertz = os.sysconf("SC_CLK_TCK")
    figures = {}
    for group in GROUPS:
        used = sum(
            ticks - before[group].get(pid, 0) for pid, ticks in after[group].items()
        )
        figures[group] = round(1000 * used / hertz / answers, 2)
    return figures
