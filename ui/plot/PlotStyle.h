// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QPen>

QT_FORWARD_DECLARE_CLASS(QValueAxis)

// The look shared by the plots of ui/plot: channel colours (Okabe–Ito, readable with the common colour-vision
// deficiencies, darkened where needed for contrast on white), line styles that tell commanded from delivered without
// colour, and "nice" axis ranges. GUI thread (QIcon); the rest is pure.
namespace galvani::ui::plot {

// The smallest top of a current axis: 0–10 mA even when nothing flows, so a trace at 0 is not drawn full height.
inline constexpr double kMinCurrentAxisTopMa = 10.0;

[[nodiscard]] QColor channelColour(int channel); // channels 1–8; others wrap
[[nodiscard]] QPen deliveredPen(const QColor& colour); // solid
[[nodiscard]] QPen commandedPen(const QColor& colour); // dashed
[[nodiscard]] QIcon channelSwatch(const QColor& colour); // a short line in the colour, for check boxes

// The top of a current axis in mA: a little above peakMa on a round number, at least kMinCurrentAxisTopMa.
[[nodiscard]] double currentAxisTopMa(double peakMa);
// Sets the range and ticks at a 1–2–5 interval (anchored at 0, at most about 8 intervals), labels with as many
// decimals as the interval needs.
void setNiceRange(QValueAxis* axis, double min, double max);
[[nodiscard]] double niceInterval(double span, int maxIntervals = 8);

} // namespace galvani::ui::plot
