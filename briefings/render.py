"""Neutral cards to text: plain text, markdown, and the terminal (rich).

Platform formats (Block Kit, embeds) live in their adapters; these renderers serve the console,
logs, fallbacks and anything that takes markdown. Card strings are plain text, partly from
articles, so the markdown renderer escapes them and the rich renderer never parses them as markup.
"""

from __future__ import annotations

import io
import re
from typing import Literal

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefings.cards import Card, CardField, CardKind

Format = Literal["text", "markdown", "rich"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~|#])")

_KIND_STYLE = {
    CardKind.BRIEFING: "cyan",
    CardKind.ANSWER: "blue",
    CardKind.HELP: "green",
    CardKind.REMINDER: "magenta",
    CardKind.UPDATE: "yellow",
    CardKind.ERROR: "red",
}


def render_text(card: Card) -> str:
    """Plain text: the title, ``Label: value`` lines (multi-line values indented), lines, sources."""
    out = [card.title]
    out += [_text_field(f) for f in card.fields]
    out += list(card.lines)
    out += _text_sources(card.sources)
    if card.link:
        out.append(f"More: {card.link}")
    return "\n".join(out)


def render_markdown(card: Card) -> str:
    """Markdown with every card string escaped, so article text cannot inject links or formatting."""
    out = [f"**{escape_markdown(card.title)}**"]
    for f in card.fields:
        values = f.value.split("\n")
        if len(values) == 1:
            out.append(f"**{escape_markdown(f.label)}:** {escape_markdown(f.value)}")
        else:
            out.append(f"**{escape_markdown(f.label)}:**")
            out += [f"  {escape_markdown(v)}" for v in values]
    out += [escape_markdown(line) for line in card.lines]
    if card.sources:
        out.append("_Sources: " + "; ".join(escape_markdown(s) for s in card.sources) + "_")
    if card.link:
        out.append(f"[Full briefing]({card.link})")
    return "\n".join(out)


def escape_markdown(text: str) -> str:
    """Backslash-escape markdown's special characters (a leading ``- `` bullet stays a bullet)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def rich_card(card: Card) -> RenderableType:
    """A rich panel for the terminal; every string is a ``Text``, never parsed as rich markup."""
    style = _KIND_STYLE.get(card.kind, "blue")
    parts: list[RenderableType] = []
    if card.fields:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style=f"bold {style}", no_wrap=False, max_width=32)
        grid.add_column()
        for f in card.fields:
            grid.add_row(Text(f.label + ":"), Text(f.value))
        parts.append(grid)
    for line in card.lines:
        parts.append(Text(line))
    if card.sources:
        parts.append(Text("Sources: " + "; ".join(card.sources), style="dim"))
    if card.link:
        parts.append(Text(f"More: {card.link}", style="dim"))
    body: RenderableType = Group(*parts) if parts else Text("")
    return Panel(body, title=Text(card.title, style="bold"), title_align="left", border_style=style)


def render_rich(card: Card, width: int = 88) -> str:
    """The rich panel as a string (no colour codes), for tests and logs."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, legacy_windows=False, force_terminal=False)
    console.print(rich_card(card))
    return buf.getvalue().rstrip("\n")


def render(card: Card, fmt: Format = "text") -> str:
    """Render in one of the named formats."""
    if fmt == "markdown":
        return render_markdown(card)
    if fmt == "rich":
        return render_rich(card)
    return render_text(card)


def _text_field(f: CardField) -> str:
    values = f.value.split("\n")
    if len(values) == 1:
        return f"{f.label}: {f.value}"
    return f"{f.label}:\n" + "\n".join(f"  {v}" for v in values)


def _text_sources(sources: tuple[str, ...]) -> list[str]:
    if not sources:
        return []
    if sum(len(s) for s in sources) <= 80:
        return ["Sources: " + "; ".join(sources)]
    return ["Sources:"] + [f"  - {s}" for s in sources]


__all__ = ["Format", "escape_markdown", "render", "render_markdown", "render_rich", "render_text", "rich_card"]
