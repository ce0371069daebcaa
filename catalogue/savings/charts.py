"""Geometry of the dashboard's server-side SVG bar charts (layout only: the figures come from
``roi`` and are written as text beside each bar, so the chart reads without colour)."""

from decimal import Decimal

from catalogue.savings import formats

CHART_ROWS = 10
ROW_HEIGHT = 24
BAR_START = 230  # px: where bars begin, after the labels
BAR_AREA = 250  # px of the 600 px wide chart given to the bars


def bars(lines, *, label_of, value_of):
    """The ten largest lines as bars: label, width and the amount written beside the bar."""
    lines = list(lines)[:CHART_ROWS]
    maximum = max((value_of(line) for line in lines), default=Decimal(0))
    result = []
    for index, line in enumerate(lines):
        value = value_of(line)
        width = round(float(value / maximum) * BAR_AREA, 1) if maximum else 0
        result.append(
            {
                "y": index * ROW_HEIGHT,
                "label": label_of(line),
                "width": width,
                "text_x": BAR_START + 6 + width,
                "text": formats.euros(value),
            }
        )
    return {"bars": result, "height": max(len(result) * ROW_HEIGHT, ROW_HEIGHT)}
