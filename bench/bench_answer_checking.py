"""Measure answer checks per second on one core.

Usage: python bench/bench_answer_checking.py [--answers N] [--rounds R]

Checks QROC answers of one to three words against specs with two or three
variants and all tolerances (t1, t2, t3), the answers derived from the variants
with case changes, accents, punctuation, extra spaces and typos, so every step
of the checker is exercised. The solution-variant cache is warm, as in a running
test; answers are not cached. Prints one line per scenario, then a JSON object
on the last line.
"""

import argparse
import importlib
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

SOLUTIONS = [
    ["Paris", "Paname"],
    ["Victor Hugo", "Hugo"],
    ["mot de passe", "mdp", "password"],
    ["Lyon"],
    ["barre d'adresse", "barre d'URL"],
    ["Éléphant"],
    ["courrier électronique", "courriel", "e-mail"],
    ["clé USB", "clef USB"],
]
NUMBER_SOLUTIONS = [["25000"], ["3.5"], ["1024", "1 024"]]
ALPHABET = "abcdefghijklmnopqrstuvwxyzéè"


def load_check() -> Callable:
    """Return runtime.domain.answer_checking.check, the project root on sys.path."""
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    return importlib.import_module("runtime.domain.answer_checking").check


def pin_to_one_core() -> None:
    """Run on a single CPU where the platform allows it."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def add_typo(text: str, rng: random.Random) -> str:
    """Return text with one random substitution, insertion or deletion."""
    position = rng.randrange(len(text))
    letter = rng.choice(ALPHABET)
    edit = rng.choice(("substitute", "insert", "delete"))
    if edit == "substitute":
        return text[:position] + letter + text[position + 1 :]
    if edit == "insert":
        return text[:position] + letter + text[position:]
    return text[:position] + text[position + 1 :]


def vary(variant: str, rng: random.Random) -> str:
    """Return an answer a learner might type for variant."""
    answer = rng.choice((variant, variant.lower(), variant.upper(), f" {variant} "))
    if rng.random() < 0.3:
        answer += rng.choice(("!", ".", " ?", ","))
    if rng.random() < 0.5:
        answer = add_typo(answer, rng)
    if rng.random() < 0.2:
        answer = rng.choice(("Marseille", "je ne sais pas", "Londres", "42"))
    return answer


def build_cases(solution_sets, count, rng, answer_format) -> list[tuple[dict, str]]:
    """Return count (spec, answer) pairs, all tolerances on."""
    specs = [
        {"type": "QROC", "solutions": solutions, "format": answer_format}
        | {"tolerances": ["t1", "t2", "t3"], "block_types": {"reponse": "text"}}
        for solutions in solution_sets
    ]
    cases = []
    for _ in range(count):
        spec = rng.choice(specs)
        cases.append((spec, vary(rng.choice(spec["solutions"]), rng)))
    return cases


def checks_per_second(check: Callable, cases: list, rounds: int) -> float:
    """Return the best rate of checking every case over rounds."""
    for spec, answer in cases[:1000]:
        check(spec, answer)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for spec, answer in cases:
            check(spec, answer)
        best = min(best, time.perf_counter() - started)
    return len(cases) / best


def main() -> None:
    """Run the scenarios and print their rates, the QROC rate as JSON last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    check = load_check()
    pin_to_one_core()
    rng = random.Random(20240611)
    words = build_cases(SOLUTIONS, arguments.answers, rng, "words")
    numbers = build_cases(NUMBER_SOLUTIONS, arguments.answers, rng, "number")
    qroc_rate = checks_per_second(check, words, arguments.rounds)
    number_rate = checks_per_second(check, numbers, arguments.rounds)
    print(f"QROC words, t1+t2+t3: {qroc_rate:,.0f} checks/s")
    print(f"QROC number, t1+t2+t3: {number_rate:,.0f} checks/s")
    print(json.dumps({"qroc_checks_per_second": round(qroc_rate)}))


if __name__ == "__main__":
    main()
