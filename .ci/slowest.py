"""Print the slowest tests of one or more JUnit XML reports (pytest --junitxml)."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(count, paths):
    cases = []
    for path in paths:
        run = Path(path).stem
        for case in ET.parse(path).iter("testcase"):
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            cases.append((float(case.get("time") or 0), run, name))
    cases.sort(reverse=True)
    print(f"\n== The {count} slowest tests ==")
    for seconds, run, name in cases[:count]:
        print(f"{seconds:8.2f} s  {run:<10}  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
