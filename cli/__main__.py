"""``python -m cli …``: the same as the ``wegwijzer`` command."""
import sys

from cli.main import main

sys.exit(main())
