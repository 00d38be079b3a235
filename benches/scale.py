#!/usr/bin/env python3
"""Times the release binary on generated policies of 1k, 10k and (where it
fits in the 2 MiB a policy may be) more items, to show that each command's
time grows in proportion to its input: 10 times the input may cost at most
about 12 times the time.

Run after `cargo build --release`:  python3 benches/scale.py [SIZES...]
"""

import os
import subprocess
import sys
import tempfile
import time

HEADER = (
    'policy "Generated"\nboard "Benchmark Board" (BB)\ncovers adults\nreview April 2030\n'
    "days are calendar days\nday 1 is the day the concern arose\nconcern raised by worker\n"
    'actor worker "Worker"\nactor manager "Manager"\nrecord case_record "Case record"\n'
)


def unknown_names(n):
    """n actors, and one stage that notifies n misspellings of them."""
    text = HEADER + "".join(f'actor agent_{i} "A"\n' for i in range(n))
    text += 'stage 1 "One" {\n  start on day 1\n  conclude by day 3\n  led by manager\n'
    text += "".join(f"  notify agnet_{i} when resolved\n" for i in range(n))
    text += '  resolved: end "Done"\n}\n'
    return text


def chain(n):
    """A chain of n stages, each with warnings (nothing recorded, no
    outcome shared) and a gap before the next (labels on two stages)."""
    text = HEADER
    for i in range(1, n + 1):
        text += (
            f'stage {i} "S{i}" {{\n  start no later than day {3 * i - 2}\n'
            f"  conclude by day {3 * i - 1}\n  led by manager\n"
            f'  resolved: end "R{i}"\n'
        )
        text += f"  unresolved: escalate to stage {i + 1}\n}}\n" if i < n else "}\n"
    return text


def contacts(n, changed=False):
    text = HEADER + "".join(
        f'contact "c{i}{"x" if changed and i % 2 else ""}@example.org" for "p"\n'
        for i in range(n)
    )
    return text + 'stage 1 "One" {\n  start on day 1\n  conclude by day 3\n  led by manager\n  resolved: end "Done"\n}\n'


def notes(n, changed=False):
    text = HEADER + "".join(
        f'note "note {i}{" x" if changed and i % 2 else ""}"\n' for i in range(n)
    )
    return text + 'stage 1 "One" {\n  start on day 1\n  conclude by day 3\n  led by manager\n  resolved: end "Done"\n}\n'


def run(args, cwd):
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ladder = os.path.join(root, "target", "release", "ladder")
    sizes = [int(s) for s in sys.argv[1:]] or [1000, 10000, 100000]
    cases = [
        ("did you mean (unknown names)", unknown_names, ["check", "--format", "short", "a.ladder"]),
        ("human renderer (stage chain)", chain, ["check", "--color", "never", "a.ladder"]),
        ("plain renderer (stage chain)", chain, ["check", "--format", "plain", "a.ladder"]),
        ("diff (contacts)", contacts, ["diff", "a.ladder", "b.ladder"]),
        ("diff (notes)", notes, ["diff", "a.ladder", "b.ladder"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, args in cases:
            previous = None
            for n in sizes:
                text = make(n)
                other = make(n, changed=True) if make in (contacts, notes) else ""
                if max(len(text.encode()), len(other.encode())) > 2 * 1024 * 1024:
                    print(f"{name:32} {n:>7}: {len(text.encode())} bytes, over the 2 MiB limit")
                    continue
                with open(os.path.join(tmp, "a.ladder"), "w") as f:
                    f.write(text)
                if other:
                    with open(os.path.join(tmp, "b.ladder"), "w") as f:
                        f.write(other)
                took = min(run([ladder] + args, tmp) for _ in range(3))
                ratio = f"  x{took / previous[1]:.1f} for x{n / previous[0]:.0f} input" if previous else ""
                print(f"{name:32} {n:>7}: {took:8.3f} s ({len(text.encode())} bytes){ratio}")
                previous = (n, took)


if __name__ == "__main__":
    main()
