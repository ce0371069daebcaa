"""Geometry of the server-side SVG charts (layout only: the figures come from ``roi`` and are
written as text on the chart, so it reads without colour; every chart is followed by a table
of the same figures).

Charts are 360 units wide and drawn at most 28rem wide: on a 390 px phone, even inside a
bordered box, the 14-unit text is still about 12.5 px. Labels sit on their own line above each
bar, so long names do not squeeze the bars.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from catalogue.savings import formats

WIDTH = 360
CHART_ROWS = 10
LABEL_CHARS = 30  # what fits beside a value such as "EUR 13,130,400" at this size
TORNADO_LABEL_CHARS = 46  # a whole line
BAR_ROW = 44  # label line + bar
TORNADO_ROW = 62  # label line + bar + values line
PAD = 4


def _short(label, limit=LABEL_CHARS) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bars(lines, *, label_of, value_of, text_of=formats.euros, limit=CHART_ROWS, maximum=None):
    """Horizontal bars of non-negative values (the first ``limit`` lines): label, width and the
    figure written at the end of the label line."""
    lines = list(lines)[:limit] if limit else list(lines)
    values = [value_of(line) for line in lines]
    top = maximum if maximum is not None else max(values, default=Decimal(0))
    result = []
    for index, (line, value) in enumerate(zip(lines, values, strict=True)):
        # A negative figure (a reuse dearer than building) gets no bar; its text says it.
        width = round(float(value / top) * (WIDTH - PAD), 1) if top > 0 and value > 0 else 0
        result.append(
            {
                "y": index * BAR_ROW,
                "label": _short(label_of(line)),
                "full_label": str(label_of(line)),
                "width": width,
                "text": text_of(value),
            }
        )
    return {"bars": result, "width": WIDTH, "height": max(len(result) * BAR_ROW, BAR_ROW)}


def tornado(swings, *, expected, label_of, text_of=formats.euros):
    """A tornado chart of ``roi.Swing``s (largest first): per input, a bar from the result at
    its low value to the result at its high value, around a line at the expected result."""
    values = [expected] + [
        value for swing in swings for value in (swing.at_low, swing.at_high) if value is not None
    ]
    low, high = min(values), max(values)
    span = high - low

    def x(value):
        if not span:
            return WIDTH / 2
        return round(PAD + float((value - low) / span) * (WIDTH - 2 * PAD), 1)

    rows = []
    for index, swing in enumerate(swings):
        defined = swing.at_low is not None and swing.at_high is not None
        start = x(min(swing.at_low, swing.at_high)) if defined else x(expected)
        end = x(max(swing.at_low, swing.at_high)) if defined else x(expected)
        rows.append(
            {
                "y": index * TORNADO_ROW,
                "label": _short(label_of(swing.input), TORNADO_LABEL_CHARS),
                "x": start,
                "width": round(end - start, 1),
                "values": _("%(low)s: %(at_low)s · %(high)s: %(at_high)s")
                % {
                    "low": formats.plain(swing.low),
                    "at_low": text_of(swing.at_low),
                    "high": formats.plain(swing.high),
                    "at_high": text_of(swing.at_high),
                },
            }
        )
    height = max(len(rows) * TORNADO_ROW, TORNADO_ROW)
    return {"rows": rows, "width": WIDTH, "height": height, "baseline": x(expected)}
