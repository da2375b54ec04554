import sys

from .principal import main

sys.exit(main())
