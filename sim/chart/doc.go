// Package chart draws the planner-facing pictures of ahpsim: fan charts of
// simulated percentiles over time (one or several options overlaid, with an
// optional target line), line charts (for example a paired difference against
// the baseline with its interval, or joiners and leavers over time), stacked
// area charts (for example staff in post by band) and labelled scatter charts
// (for example cost against vacancy-FTE-years avoided, one point per option).
//
// It is the only package of the project that imports gonum.org/v1/plot. It
// takes plain numbers (months, float64 slices, names) and no simulation types,
// so the simulation code never depends on the plotting library.
//
// The charts are for non-specialist readers (NHS workforce leads, boards):
// every chart has a title (wrapped at spaces onto more lines when it is
// wider than the chart, never clipped), axis labels, a legend to the right
// of the plot area whenever there is more than one thing to tell apart, and
// real dates on the time axis (yearly ticks labelled "2025" for spans of
// more than three years, otherwise quarterly, two-monthly or monthly ticks
// labelled "2026-07"). Percent axes are labelled like "12%". Colours come
// from the fixed, colour-blind-safe Okabe-Ito palette, in a fixed order.
//
// Each chart type is a plain struct with a Plot method that validates its
// input and returns an error naming what is wrong (it never panics on bad
// data). NaN values in fan and line series mean "undefined at that date" and
// are drawn as gaps.
//
// Besides, dot charts compare options across categories at one date (for
// example the vacancy rate by band: markers at the medians, bars for the
// intervals). A series that shows an option takes OptionLook(i): the
// option's fixed colour (OptionColour), dash pattern and marker, the same
// in every chart.
//
// Every chart has a Size. Standard (the zero value) is what Plot and
// Render draw: Width x Height with the legend at the side. Panel (9 cm
// wide, for a small multiple) and Compact (11 cm, a chart alone) are for
// reports read on phones and paper: text of at least MinTextShare of the
// width (8.5 pt in 9 cm), so that shown 350 CSS pixels wide it is over 11
// pixels, and the legend below the plot; Picture builds them and
// Picture.Render draws them at their size. FanChart and LineChart take a
// fixed YRange and StackedChart a YMax, so that panels share an axis.
//
// Render writes a plot at one fixed size, Width x Height (20 cm x 12 cm), as
// PNG at DPI (150) dots per inch, which is PixelWidth x PixelHeight
// (1181 x 709) pixels, or as SVG. Output is deterministic: the same input
// gives the same bytes. SVG output is self-contained: it references no
// external file, image or font URL. Text is set in Liberation Sans (metric
// compatible with Arial); the SVG names the font family only, with Arial,
// Helvetica and sans-serif as fall-backs, so it can be inlined into an
// offline HTML report.
package chart
