"""Print the slowest tests of one or more JUnit XML reports (pytest --junitxml), and
the test modules that take the most time in all (where CI time goes)."""

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path


def main(count, paths):
    cases = []
    modules = Counter()
    for path in paths:
        run = Path(path).stem
        for case in ET.parse(path).iter("testcase"):
            classname = case.get("classname", "")
            seconds = float(case.get("time") or 0)
            cases.append((seconds, run, f"{classname}::{case.get('name', '')}"))
            modules[(run, classname)] += seconds
    cases.sort(reverse=True)
    print(f"\n== The {count} slowest tests ==")
    for seconds, run, name in cases[:count]:
        print(f"{seconds:8.2f} s  {run:<10}  {name}")
    print(f"\n== The {count} test modules that take longest (all their tests, in CPU time) ==")
    for (run, module), seconds in modules.most_common(count):
        print(f"{seconds:8.1f} s  {run:<10}  {module}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
