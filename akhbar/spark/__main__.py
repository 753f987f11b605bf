"""Entry file for spark-submit, which runs a Python file rather than a module:

    spark-submit [spark options] "$(python -c 'import akhbar.spark.__main__ as m; print(m.__file__)')" PATH... --out DIR
"""

import sys

from akhbar.cli import main

if __name__ == "__main__":
    sys.argv = ["akhbar", "spark", *sys.argv[1:]]
    main()
