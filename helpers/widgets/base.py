"""Building blocks of every explorer: the blitted image, the trend arrow, the w/b explorer base."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from typing import Callable

import ipywidgets as widgets
import numpy as np
from PIL import Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..landscape import loss_grid
from ..plots import plot_loss_contour
from ..validation import as_finite_float, check_inside, check_range

Loss = Callable[[np.ndarray, np.ndarray], float]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def widget_mimebundle(widget: widgets.Widget, **kwargs) -> dict:  # noqa: ANN003 - IPython display protocol
    """What Jupyter shows for ``widget``, on ipywidgets 8 and on 7 (which many hosted services still ship).

    ipywidgets 8 widgets answer IPython's ``_repr_mimebundle_``; ipywidgets 7 widgets display
    themselves through ``_ipython_display_`` instead, so the same bundle is built here: a text
    fallback and the widget view (protocol 2.0) that the front end renders.
    """
    if hasattr(widget, "_repr_mimebundle_"):
        return widget._repr_mimebundle_(**kwargs)
    return {"text/plain": repr(widget),
            WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}}


class BlitImage:
    """A matplotlib Figure shown as two stacked, fixed-size PNG Image widgets: the still parts once, the
    moving artists per event.

    Build the figure, then call ``freeze(moving)`` once with the artists that change: everything
    else is rendered once into ``background``. ``render()`` draws the moving artists alone, on a
    transparent layer, and pushes that PNG (as a data URL) into ``image``, which lies over the background in
    ``widget``. A slider event so sends a small, quickly encoded and decoded picture (the moving
    lines and markers, a tenth of the bytes of the whole figure), while the browser shows the same
    figure a full redraw would. ``picture()`` is the whole figure as one PNG.
    """

    def __init__(self, figsize: tuple[float, float], dpi: int = 80) -> None:
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.figure)
        width, height = (self.figure.get_size_inches() * dpi).astype(int)
        size = dict(width=f"{width}px", height=f"{height}px")
        # both layers in the one cell of a grid, the moving one (later) on top
        self.background = widgets.Image(format="png", layout=widgets.Layout(grid_area="figure", **size))
        self.image = widgets.Image(format="url", layout=widgets.Layout(grid_area="figure", **size))
        self.image.add_class("moving-layer")
        self.widget = widgets.GridBox([self.background, self.image],
                                      layout=widgets.Layout(grid_template_areas='"figure"', **size))
        self._moving: list = []
        self._transparent = None
        self.layer_png = b""  # the moving layer as PNG bytes, as last rendered

    def freeze(self, moving: list) -> None:
        """Render everything but ``moving`` once into the background; from now on only ``moving`` is redrawn."""
        self._moving = list(moving)
        for artist in self._moving:
            artist.set_animated(True)  # left out of the full draw: drawn per event instead
        canvas = self.figure.canvas
        canvas.draw()
        self.background.value = _png(canvas.buffer_rgba())  # once: Pillow's smaller PNG
        canvas.get_renderer().clear()  # every pixel transparent
        self._transparent = canvas.copy_from_bbox(self.figure.bbox)

    def render(self) -> None:
        """Draw the moving artists on a transparent layer and push it into ``image``."""
        if self._transparent is None:
            raise RuntimeError("call freeze(moving_artists) before render()")
        canvas = self.figure.canvas
        canvas.restore_region(self._transparent)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        self.layer_png = _layer_png(canvas.buffer_rgba())
        # as a data URL, which the browser decodes straight into the <img>: a blob URL (format="png")
        # cost 8-18 ms more per event in Chromium, mostly waiting for the blob to be read back
        self.image.value = b"data:image/png;base64," + base64.b64encode(self.layer_png)

    def picture(self) -> bytes:
        """The whole figure as it shows now: the moving layer over the background, as one PNG."""
        if not self.layer_png:
            return self.background.value
        layers = [Image.open(io.BytesIO(value)).convert("RGBA") for value in (self.background.value, self.layer_png)]
        buffer = io.BytesIO()
        Image.alpha_composite(*layers).save(buffer, format="png")
        return buffer.getvalue()


def _png(rgba: memoryview) -> bytes:
    """An (h, w, 4) RGBA buffer as PNG bytes, compressed lightly: speed matters more than size here."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(rgba)).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _layer_png(rgba: memoryview) -> bytes:
    """An (h, w, 4) RGBA buffer as PNG bytes, fast for a layer that is mostly transparent.

    Per slider event this is most of the kernel's work. Pillow tries a filter per row (4 ms for
    768×320 here); rows left unfiltered and zlib at level 1 take a third of that, and runs of
    transparent pixels still compress to almost nothing.
    """
    pixels = np.asarray(rgba)
    height, width = pixels.shape[:2]
    rows = np.zeros((height, 1 + 4 * width), np.uint8)  # each row: filter type 0 (none), then its pixels
    rows[:, 1:] = pixels.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA, deflate, no filter, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
            + _png_chunk(b"IEND", b""))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def explorer_bundle(widget: widgets.Widget, canvas: BlitImage, **kwargs) -> dict:  # noqa: ANN003
    """What a notebook stores for an explorer: the live widget, plus its picture as it starts (a PNG)
    for readers without a kernel (the course website, a notebook viewer). JupyterLab shows the widget."""
    bundle = dict(widget_mimebundle(widget, **kwargs))
    if canvas.background.value:
        bundle["image/png"] = base64.b64encode(canvas.picture()).decode("ascii")
    return bundle


def trend_html(value: float, previous: float | None) -> str:
    """' ▼ lower than before' (green) or ' ▲ higher than before' (red); '' when unchanged."""
    if previous is None or value == previous:
        return ""
    arrow, colour = ("▼ lower", "green") if value < previous else ("▲ higher", "firebrick")
    return f' <span style="color:{colour}">{arrow} than before</span>'


class ParameterExplorer:
    """Base of the w/b explorers: the model on the left, loss contours over (w, b) on the right.

    A subclass draws its model (``_draw_model``, returning the artists that move), moves it
    (``_move_model``, returning extra readout text) and evaluates the loss (``loss_at``).
    This class adds the contour panel with the current (w, b), the two sliders, the live
    readout with its ▼/▲ trend, and the blitted redraw. ``update(w, b)`` returns the loss.
    """

    loss_name = "loss"

    def __init__(self, w: float, b: float, w_range: tuple[float, float], b_range: tuple[float, float]) -> None:
        w_range, b_range = check_range(w_range, "w_range"), check_range(b_range, "b_range")
        self.w_range, self.b_range = w_range, b_range
        w, b = self._inside(w, b)
        self.canvas = BlitImage(figsize=(9.6, 4.0))
        ax_model, ax_loss = self.canvas.figure.subplots(1, 2)
        moving = self._draw_model(ax_model, w, b)
        ws, bs = np.linspace(*w_range, 61), np.linspace(*b_range, 61)
        plot_loss_contour(ws, bs, loss_grid(self.loss_at, ws, bs), ax=ax_loss)
        (self._marker,) = ax_loss.plot([w], [b], "o", mfc="none", mec="tab:red", mew=2.5, ms=13,
                                       label="current (w, b)")
        ax_loss.legend(loc="upper right", fontsize=8)
        ax_loss.set_title(f"{self.loss_name} over (w, b): contour labels are {self.loss_name} values")
        self._previous: float | None = None
        self.canvas.freeze([*moving, self._marker])

        slider = dict(step=0.01, continuous_update=True, readout_format=".2f",
                      layout=widgets.Layout(width="420px"))
        self.w_slider = widgets.FloatSlider(value=w, min=w_range[0], max=w_range[1], description="w", **slider)
        self.b_slider = widgets.FloatSlider(value=b, min=b_range[0], max=b_range[1], description="b", **slider)
        self.readout = widgets.HTML(layout=widgets.Layout(height="28px"))
        for s in (self.w_slider, self.b_slider):
            s.observe(self._on_slider, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.w_slider, self.b_slider]), self.readout, self.canvas.widget])
        self._syncing = False
        self.update(w, b)

    def _draw_model(self, ax, w: float, b: float) -> list:  # noqa: ANN001 - a matplotlib Axes
        raise NotImplementedError

    def _move_model(self, w: float, b: float) -> str:
        raise NotImplementedError

    def loss_at(self, w: float, b: float) -> float:
        """The loss of the model with parameters (w, b) on the explorer's data."""
        raise NotImplementedError

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure's moving layer (it changes with every event)."""
        return self.canvas.image

    def _inside(self, w: float, b: float) -> tuple[float, float]:
        w, b = as_finite_float(w, "w"), as_finite_float(b, "b")
        return check_inside(w, self.w_range, "w", "w_range"), check_inside(b, self.b_range, "b", "b_range")

    def update(self, w: float, b: float) -> float:
        """Move the model, the marker and the sliders to (w, b), redraw, and return the loss there.

        (w, b) must lie inside the sliders' ranges, so that slider and readout always agree.
        """
        w, b = self._inside(w, b)
        value = float(self.loss_at(w, b))
        extra = self._move_model(w, b)
        self._marker.set_data([w], [b])
        self.readout.value = (f"<b>w = {_two_places(w)}, b = {_two_places(b)} → {extra}{self.loss_name} = {value:.4f}</b>"
                              f"{trend_html(value, self._previous)}")
        self._previous = value
        self.canvas.render()
        self._syncing = True  # show (w, b) on the sliders without a second update
        try:
            self.w_slider.value, self.b_slider.value = w, b
        finally:
            self._syncing = False
        return value

    def _on_slider(self, change: dict) -> None:
        if not self._syncing:
            self.update(self.w_slider.value, self.b_slider.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return explorer_bundle(self.widget, self.canvas, **kwargs)


def _two_places(value: float) -> str:
    """value with two decimals, never "-0.00"."""
    return f"{round(value, 2) + 0.0:.2f}"
