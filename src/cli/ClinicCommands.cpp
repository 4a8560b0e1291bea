// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli clinic limits`: shows the clinic's own output limits, or (admins) changes them with a reason.
#include "RecordCommands.h"

#include "app/services/ClinicLimitsService.h"

#include <array>
#include <cmath>

namespace galvani::cli {

namespace {

const QString kOff = QStringLiteral("off");

// One limit option: "off" clears the limit, a number within [min, max] (in the option's unit) sets it. whole: no
// fraction; else at most `decimals` decimals. Returns the value in the option's unit, nullopt for off; sets *error.
struct LimitRule {
    const char* option;
    double min;
    double max;
    const char* unit;
    int decimals; // 0: whole numbers only
};

std::optional<std::optional<double>> parseLimit(const CliOptions& o, const LimitRule& rule, QString* error)
{
    const QString name = QString::fromLatin1(rule.option);
    const QString text = o.value(name).trimmed();
    if (text.compare(kOff, Qt::CaseInsensitive) == 0) {
        return std::optional<double>();
    }
    const QString range = QStringLiteral("%1–%2 %3, or off")
                              .arg(QString::number(rule.min), QString::number(rule.max), QString::fromUtf8(rule.unit));
    std::optional<double> value;
    if (rule.decimals == 0) {
        if (const auto whole = o.integer(name, error)) {
            value = static_cast<double>(*whole);
        }
    } else {
        value = o.number(name, error);
    }
    if (!value) {
        *error += QStringLiteral(" (allowed %1)").arg(range);
        return std::nullopt;
    }
    const double scale = std::pow(10.0, rule.decimals);
    if (std::fabs(*value * scale - std::round(*value * scale)) > 1e-6) {
        *error = QStringLiteral("--%1: '%2' has more than %3 decimal(s) (allowed %4)")
                     .arg(name, o.value(name))
                     .arg(rule.decimals)
                     .arg(range);
        return std::nullopt;
    }
    if (*value < rule.min || *value > rule.max) {
        *error = QStringLiteral("--%1: %2 is outside %3").arg(name, o.value(name).trimmed(), range);
        return std::nullopt;
    }
    return std::optional<double>(*value);
}

constexpr LimitRule kAmplitude{"amplitude-max-ma", static_cast<double>(app::kClinicAmplitudeMinUa) / 1000.0,
    static_cast<double>(app::kClinicAmplitudeMaxUa) / 1000.0, "mA", 1};
constexpr LimitRule kWidth{"phase-width-max-us", static_cast<double>(app::kClinicPhaseWidthMinUs),
    static_cast<double>(app::kClinicPhaseWidthMaxUs), "µs", 0};
constexpr LimitRule kRate{"pulse-rate-max-hz", app::kClinicPulseRateMinHz, app::kClinicPulseRateMaxHz, "Hz", 1};
constexpr LimitRule kMinutes{"session-max-minutes", static_cast<double>(app::kClinicSessionMinutesMin),
    static_cast<double>(app::kClinicSessionMinutesMax), "min", 0};

void print(const app::ClinicLimits& l, QTextStream& out)
{
    const auto line = [&](const char* what, const QString& value) { out << what << value << '\n'; };
    line("amplitude max:   ",
        l.amplitudeMaxUa ? QStringLiteral("%1 mA").arg(static_cast<double>(*l.amplitudeMaxUa) / 1000.0, 0, 'f', 1)
                         : kOff);
    line("phase width max: ", l.phaseWidthMaxUs ? QStringLiteral("%1 µs").arg(*l.phaseWidthMaxUs) : kOff);
    line("pulse rate max:  ", l.pulseRateMaxHz ? QStringLiteral("%1 Hz").arg(*l.pulseRateMaxHz) : kOff);
    line("session max:     ", l.sessionMinutesMax ? QStringLiteral("%1 min").arg(*l.sessionMinutesMax) : kOff);
}

int limits(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli clinic limits");
    OptionSpec spec;
    spec.valued = {QString::fromLatin1(kAmplitude.option), QString::fromLatin1(kWidth.option),
        QString::fromLatin1(kRate.option), QString::fromLatin1(kMinutes.option), QStringLiteral("reason")};
    const auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }
    // Every value is checked before the store is opened, so a bad one changes nothing.
    struct Wanted {
        const LimitRule* rule;
        std::optional<std::optional<double>> value; // outer: given; inner: nullopt for off
    };
    std::array<Wanted, 4> wanted{{{&kAmplitude, {}}, {&kWidth, {}}, {&kRate, {}}, {&kMinutes, {}}}};
    bool changing = false;
    for (Wanted& w : wanted) {
        if (!options->has(QString::fromLatin1(w.rule->option))) {
            continue;
        }
        QString error;
        w.value = parseLimit(*options, *w.rule, &error);
        if (!w.value) {
            err << command << ": " << error << '\n';
            return kExitUsage;
        }
        changing = true;
    }
    if (!changing && options->has(QStringLiteral("reason"))) {
        err << command << ": --reason is only for a change; give at least one of --" << kAmplitude.option << ", --"
            << kWidth.option << ", --" << kRate.option << ", --" << kMinutes.option << '\n';
        return kExitUsage;
    }
    int exitCode = kExitOk;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    app::ClinicLimitsService service(session->store());
    const auto recorded = service.limits(session->user);
    if (!recorded.ok()) {
        return reportFailure(recorded.error(), command, err);
    }
    app::ClinicLimits shown = *recorded;
    if (changing) {
        app::ClinicLimits next = shown;
        const auto whole
            = [](const std::optional<double>& v) { return v ? std::optional<qint64>(std::llround(*v)) : std::nullopt; };
        if (wanted[0].value) {
            next.amplitudeMaxUa = wanted[0].value->has_value()
                ? std::optional<qint64>(std::llround(**wanted[0].value * 1000.0))
                : std::nullopt;
        }
        if (wanted[1].value) {
            next.phaseWidthMaxUs = whole(*wanted[1].value);
        }
        if (wanted[2].value) {
            next.pulseRateMaxHz = *wanted[2].value;
        }
        if (wanted[3].value) {
            const auto minutes = whole(*wanted[3].value);
            next.sessionMinutesMax = minutes ? std::optional<int>(static_cast<int>(*minutes)) : std::nullopt;
        }
        const auto set = service.setLimits(session->user, next, options->value(QStringLiteral("reason")));
        if (!set.ok()) {
            return reportFailure(set.error(), command, err);
        }
        out << (next == shown ? "clinic limits unchanged\n" : "clinic limits set\n");
        shown = next;
    }
    print(shown, out);
    return kExitOk;
}

} // namespace

int runClinicCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (args.value(0) == QStringLiteral("limits")) {
        return limits(args.mid(1), out, err);
    }
    return unknownSubcommand(QStringLiteral("clinic"), args, {QStringLiteral("limits")}, err);
}

} // namespace galvani::cli
