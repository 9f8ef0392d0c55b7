"""Page set-up shared by the book's chapters: :func:`setup` loads the plan, prints the version banner
and, for pages with figures, draws their labels in a CJK font."""

from __future__ import annotations

import matplotlib
from matplotlib import font_manager

import xindu_plan

__all__ = ["CJK_FONT", "banner", "setup", "use_cjk_font"]

#: The font the figures' Chinese labels are drawn in: Noto Sans SC (SIL Open Font License 1.1), installed
#: from PyPI with the book extra (package pylopdf-fonts-zh-cn, an unmodified copy of notofonts/noto-cjk's
#: Sans/SubsetOTF/SC/NotoSansSC-Regular.otf).
CJK_FONT = "Noto Sans SC"


def use_cjk_font() -> str:
    """Register the pip-installed Noto Sans SC with matplotlib and draw labels in it; return its name.

    The font file is added to matplotlib's font manager directly, so neither a
    system font nor matplotlib's font cache is involved.

    Raises:
        RuntimeError: the font package is missing (the page would draw empty boxes).
    """
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        raise RuntimeError("the book's CJK font is missing: pip install -e '.[book]'") from None
    path = sans_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    if name != CJK_FONT:
        raise RuntimeError(f"{path} is {name!r}, not {CJK_FONT!r}")
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [CJK_FONT, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 110
    return name


def banner(plan: xindu_plan.Plan) -> str:
    """The line each page opens with: the dataset version and content hash it was built from."""
    return (
        f"Built from xindu-plan dataset version {plan.version} "
        f"(content sha256 {plan.content_hash[:16]}…), library {xindu_plan.__version__}."
    )


def setup(figures: bool = False) -> xindu_plan.Plan:
    """The first cell of every page: load the plan, print the banner, and (``figures``) set the CJK font.

    Returns the loaded plan.
    """
    plan = xindu_plan.load()
    print(banner(plan))
    if figures:
        print("figures drawn with", use_cjk_font())
    return plan
