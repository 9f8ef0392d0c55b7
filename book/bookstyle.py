"""Page set-up shared by the book's chapters: the version banner and a CJK font for figures."""

from __future__ import annotations

import matplotlib
from matplotlib import font_manager

import xindu_plan

__all__ = ["CJK_FONTS", "banner", "use_cjk_font"]

#: Fonts with Chinese glyphs, in order of preference (Debian: fonts-wqy-microhei, fonts-noto-cjk).
CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC"]


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese labels; return the font used.

    Raises:
        RuntimeError: no CJK font is installed (the page would draw empty boxes).
    """
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
            matplotlib.rcParams["axes.unicode_minus"] = False
            matplotlib.rcParams["figure.dpi"] = 110
            return name
    raise RuntimeError(
        "no CJK font found for the figures; install one, e.g. `apt-get install fonts-wqy-microhei`, "
        "then remove ~/.cache/matplotlib"
    )


def banner(plan: xindu_plan.Plan) -> str:
    """The line each page opens with: the dataset version and content hash it was built from."""
    return (
        f"Built from xindu-plan dataset version {plan.version} "
        f"(content sha256 {plan.content_hash[:16]}…), library {xindu_plan.__version__}."
    )
