"""The fault test's verdict on the candidates' clocks (bench/faults/run.py).

The fault test itself runs a server and kills it; here its rule alone is
checked on readings made up around a server killed at t=1000 s and started
again at t=1015 s, for a test started at t=900 s with 6,300 s allowed.
"""

from bench.faults.run import clock_verdict

URL = "http://127.0.0.1:8000/certification/tests/7/"
TEST = {
    "started": 900.0,
    "allowed": 6300,
    "rule": 6300,
    "paused": 0.0,
    "paused_at": None,
    "ended": None,
    "end_reason": "",
}


def verdict(*readings, **changes):
    return clock_verdict({"7": {**TEST, **changes}}, readings, 1000.0, 1015.0)


def test_the_clock_ran_on_while_the_server_was_down():
    # 6,300 - 90 s before the kill; 6,300 - 120 s read after the restart.
    found = verdict((URL, 989.8, 990.1, 6210), (URL, 1019.9, 1020.2, 6180))
    assert found["checked"] == 2
    assert found["wrong"] == []
    # Between the first page's arrival and the second request: 29.8 s.
    assert found["resumed"] == [[6210, 6180, 29.8]]
    assert found["ended_early"] == []


def test_a_clock_reset_to_full_after_the_restart_is_wrong():
    found = verdict((URL, 989.8, 990.1, 6210), (URL, 1019.9, 1020.2, 6300))
    assert found["wrong"] == [[URL, 6300, 6179.8, 6180.1]]


def test_a_clock_that_stopped_while_the_server_was_down_is_wrong():
    # The 25 s of the outage not counted: 25 s too many left.
    found = verdict((URL, 989.8, 990.1, 6210), (URL, 1019.9, 1020.2, 6205))
    assert len(found["wrong"]) == 1


def test_rounding_and_the_request_time_are_allowed():
    # Shown 6,179 (truncated) for 6,180.1 … 6,179.8 left: right.
    assert verdict((URL, 1019.9, 1020.2, 6179))["wrong"] == []
    assert len(verdict((URL, 1019.9, 1020.2, 6177))["wrong"]) == 1


def test_an_allowed_time_not_the_rules_is_wrong():
    found = verdict((URL, 989.8, 990.1, 6210), allowed=6300, rule=8190)
    assert len(found["wrong"]) == 1


def test_a_test_ended_by_anything_but_its_last_answer_lost_its_time():
    assert verdict(ended=1016.0, end_reason="timeout")["ended_early"] == [
        ["7", "timeout"]
    ]
    assert verdict(ended=1016.0, end_reason="completed")["ended_early"] == []
