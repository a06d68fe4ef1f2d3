"""`vietnamadminunits`, loaded on first use.

Importing it takes about half a second (it brings numpy and shapely); loaded with the URL
configuration, every worker start and every `manage.py` command paid it, although only the map,
the units' set-up and the official conversion need it.
"""

import functools
from types import SimpleNamespace


@functools.cache
def library():
    """The parts of vietnamadminunits the portal uses (imported the first time they are asked for)."""
    import vietnamadminunits
    from vietnamadminunits.database.main import MODULE_DIR
    from vietnamadminunits.parser.utils import key_normalize

    return SimpleNamespace(
        ParseMode=vietnamadminunits.ParseMode,
        parse_address=vietnamadminunits.parse_address,
        convert_address=vietnamadminunits.convert_address,
        key_normalize=key_normalize,
        dataset=MODULE_DIR / "data" / "dataset.db",
    )
