"""The quoted expression, defined once: a phrase inside Chinese double quotes (“双循环”).

The reader, the mention rules and the package checks all read quotes with
:data:`QUOTE`; this module imports nothing else, so the quick commands can use it.

>>> [m.group(1) for m in QUOTE.finditer("推动“双循环”与“一次办”")]
['双循环', '一次办']
"""

from __future__ import annotations

import re

__all__ = ["QUOTE"]

#: A quoted expression: “双循环” (group 1 is the expression without its quotes).
QUOTE = re.compile(r"“([^“”\n]{1,60})”")
