import sys

from alliancegames.publishing.cli import main

sys.exit(main())
