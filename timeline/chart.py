"""The events-per-month chart: geometry worked out here, drawn as SVG by the
template, so it needs no chart library and no JavaScript."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.safestring import SafeString

from .date_labels import month_name
from .shown import Shown

MONTH_ABBREVIATIONS = {month: month_name(date(2000, month, 1))[:3] for month in range(1, 13)}

FIRST_YEAR, LAST_YEAR = 2022, 2025
WIDTH, HEIGHT = 800, 208
LEFT, RIGHT, TOP, BOTTOM = 40, 6, 12, 52
QUARTERS = (1, 4, 7, 10)  # the months labelled under the axis
GAP = 2
BASELINE = f"{HEIGHT - BOTTOM}"


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    url: str | None
    x: str
    y: str
    width: str
    height: str
    selected: bool

    @property
    def css(self) -> str:
        return "chart-bar is-selected" if self.selected else "chart-bar"

    def link(self, htmx: bool) -> str:
        """The bar as an SVG link: its name, the area that takes the click and the drawn bar.
        Written here, since 48 bars of a dozen template variables each cost more than the rest
        of the page. `htmx`: the link also asks for its month with htmx (the chart around it
        says where the answer goes)."""
        url = escape(self.url)
        also_htmx = f' hx-get="{url}"' if htmx else ""
        return (
            f'<a href="{url}"{also_htmx} class="{self.css}" aria-label="{escape(self.label)}">'
            f"<title>{escape(self.label)}</title>"
            f'<rect class="chart-hit" x="{self.x}" y="0" width="{self.width}" height="{BASELINE}"/>'
            f'<rect class="chart-fill" x="{self.x}" y="{self.y}" width="{self.width}" height="{self.height}"/></a>'
        )


@dataclass(frozen=True)
class Tick(Shown):
    label: str
    x: str
    y: str


@dataclass(frozen=True)
class YearRow:
    """One year of the chart as a row of the table that stands in for it."""

    year: int
    counts: list[int]
    total: int

    @property
    def html(self) -> str:
        """The row of the table (numbers only: nothing to escape)."""
        cells = "".join(f"<td>{int(count)}</td>" for count in self.counts)
        return f'<tr><th scope="row">{int(self.year)}</th>{cells}<td>{int(self.total)}</td></tr>'


@dataclass(frozen=True)
class MonthChart(Shown):
    bars: list[Bar]
    years: list[Tick]
    months: list[Tick]  # quarter labels: Jan, Apr, Jul, Oct of every year
    rows: list[YearRow]
    levels: list[Tick]
    year_lines: list[str]
    total: int
    year_only: int
    outside: int
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR
    width: int = WIDTH
    height: int = HEIGHT
    baseline: str = BASELINE
    tick_end: str = f"{HEIGHT - BOTTOM + 4}"
    month_headers: tuple = tuple(MONTH_ABBREVIATIONS.values())
    right: str = f"{WIDTH - RIGHT}"
    left: str = f"{LEFT}"

    # What repeats, as markup: the bars (those with events), the month ticks and the table's rows.
    @property
    def bar_links(self) -> str:
        return SafeString("".join(bar.link(htmx=True) for bar in self.bars if bar.url))

    @property
    def plain_bar_links(self) -> str:
        return SafeString("".join(bar.link(htmx=False) for bar in self.bars if bar.url))

    @property
    def month_ticks(self) -> str:
        return SafeString(
            "".join(
                f'<line class="chart-tick" x1="{m.x}" x2="{m.x}" y1="{self.baseline}" y2="{self.tick_end}"/>'
                f'<text class="chart-month" x="{m.x}" y="{m.y}" text-anchor="middle" dominant-baseline="hanging"'
                f' aria-hidden="true">{escape(m.label)}</text>\n'
                for m in self.months
            )
        )

    @property
    def table_rows(self) -> str:
        return SafeString("".join(row.html for row in self.rows))


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _nice_ceiling(n: int) -> int:
    """The axis maximum: 4, 10, 20, 50, 100… at or above the busiest month."""
    for step in (4, 10, 20, 50):
        if n <= step:
            return step
    magnitude = 100
    while n > magnitude * 5:
        magnitude *= 10
    return next(m * magnitude for m in (1, 2, 5, 10) if n <= m * magnitude)


def _in_range(year: int, month: int, selected: tuple[date, date] | None) -> bool:
    if selected is None:
        return False
    first, last = selected
    return (first.year, first.month) <= (year, month) <= (last.year, last.month)


def month_chart(
    months: Counter,
    year_only: Counter,
    url_for: Callable[[int, int], str],
    selected: tuple[date, date] | None = None,
) -> MonthChart:
    """Bars for every month of FIRST_YEAR..LAST_YEAR; `selected` highlights a range."""
    periods = [(y, m) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
    top = _nice_ceiling(max((months[p] for p in periods), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    bars = []
    for i, (year, month) in enumerate(periods):
        count = months[year, month]
        height = plot_height * count / top
        label = f"{month_name(date(year, month, 1))} {year}: {count} event{'' if count == 1 else 's'}"
        bars.append(
            Bar(
                label,
                count,
                url_for(year, month) if count else None,
                _num(LEFT + i * slot + GAP / 2),
                _num(HEIGHT - BOTTOM - height),
                _num(slot - GAP),
                _num(height),
                _in_range(year, month, selected),
            )
        )
    years = [
        Tick(str(year), _num(LEFT + (i * 12 + 6) * slot), _num(HEIGHT - 4))
        for i, year in enumerate(range(FIRST_YEAR, LAST_YEAR + 1))
    ]
    months_shown = [
        Tick(MONTH_ABBREVIATIONS[month], _num(LEFT + (i + 0.5) * slot), _num(HEIGHT - BOTTOM + 5))
        for i, (_, month) in enumerate(periods)
        if month in QUARTERS
    ]
    rows = [
        YearRow(year, counts := [months[year, month] for month in range(1, 13)], sum(counts))
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    ]
    levels = [Tick(str(v), _num(LEFT - 6), _num(HEIGHT - BOTTOM - plot_height * v / top + 4)) for v in (top // 2, top)]
    in_range = sum(months[p] for p in periods)
    return MonthChart(
        bars=bars,
        years=years,
        months=months_shown,
        rows=rows,
        levels=levels,
        year_lines=[_num(LEFT + i * 12 * slot) for i in range(1, LAST_YEAR - FIRST_YEAR + 1)],
        total=in_range,
        year_only=sum(year_only[y] for y in range(FIRST_YEAR, LAST_YEAR + 1)),
        outside=sum(months.values())
        - in_range
        + sum(n for y, n in year_only.items() if not FIRST_YEAR <= y <= LAST_YEAR),
    )
