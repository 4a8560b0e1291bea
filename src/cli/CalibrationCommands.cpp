// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli calibration list|status|policy`, and the helpers the calibrate command shares.
#include "CalibrationCommands.h"

#include "RecordCommands.h"

#include "app/calibration/CalibrationService.h"

#include <QDateTime>

#include <cmath>

namespace galvani::cli {

QString milliampsText(double ua, bool sign)
{
    // Below half the last digit shown the value prints as zero, never as "-0.000".
    const double value = std::fabs(ua) < 0.5 ? 0.0 : ua / 1000.0;
    const QString text = QString::number(value, 'f', 3);
    return sign && value >= 0.0 ? QStringLiteral("+") + text : text;
}

QString utcDateText(qint64 utcMs)
{
    return utcMs > 0 ? QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).date().toString(Qt::ISODate)
                     : QStringLiteral("-");
}

std::optional<QList<int>> parseChannelList(const QString& text, QString* error)
{
    QList<int> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const QStringList range = part.trimmed().split(QLatin1Char('-'));
        bool okFrom = false;
        bool okTo = range.size() == 1;
        const int from = range.value(0).toInt(&okFrom);
        const int to = range.size() == 2 ? range.value(1).toInt(&okTo) : from;
        if (range.size() > 2 || !okFrom || !okTo || from < 1 || to > 8 || from > to) {
            *error = QStringLiteral("--channels: '%1' is not a channel or range within 1..8 (e.g. 1-8 or 1,3,5)")
                         .arg(part.trimmed());
            return std::nullopt;
        }
        for (int ch = from; ch <= to; ++ch) {
            if (out.contains(ch)) {
                *error = QStringLiteral("--channels: channel %1 is given twice").arg(ch);
                return std::nullopt;
            }
            out.append(ch);
        }
    }
    return out;
}

namespace {

void printStatus(const app::ChannelCalibrationStatus& s, QTextStream& out)
{
    out << "channel " << s.channel << '\t' << app::toString(s.state) << '\t'
        << (s.locked ? QStringLiteral("LOCKED") : QStringLiteral("usable"));
    if (s.calibrationId > 0) {
        out << "\trecord #" << s.calibrationId;
        if (!s.locked) {
            out << "\tgain " << QString::number(s.gain, 'f', 5) << "\toffset " << milliampsText(s.offsetUa, true)
                << " mA";
        }
        out << "\tdue " << utcDateText(s.dueUtcMs);
    }
    if (!s.reason.isEmpty()) {
        out << "\t(" << s.reason << ')';
    }
    out << '\n';
}

int list(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli calibration list");
    OptionSpec spec;
    spec.valued = {QStringLiteral("device-serial")};
    const auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }
    int exitCode = kExitOk;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto all = app::CalibrationService(session->store()).allCalibrations(session->user);
    if (!all.ok()) {
        return reportFailure(all.error(), command, err);
    }
    const QString serial = options->value(QStringLiteral("device-serial"));
    out << "id\tperformed\tdevice\tchannel\tstatus\tgain\toffset mA\tpoints\tdue\trecord hash\n";
    for (const auto& e : *all) {
        if (!serial.isEmpty() && e.deviceSerial != serial) {
            continue;
        }
        out << e.calibrationId << '\t' << utcDateText(e.performedUtcMs) << '\t' << e.deviceSerial << '\t' << e.channel
            << '\t' << e.status << '\t' << (e.gain ? QString::number(*e.gain, 'f', 5) : QStringLiteral("-")) << '\t'
            << (e.offsetUa ? milliampsText(*e.offsetUa, true) : QStringLiteral("-")) << '\t' << e.points << '\t'
            << utcDateText(e.dueUtcMs) << '\t' << e.recordHash.left(16) << '\n';
    }
    return kExitOk;
}

int status(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli calibration status");
    OptionSpec spec;
    spec.valued = {QStringLiteral("device-serial"), QStringLiteral("channels")};
    const auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto serial = options->text(QStringLiteral("device-serial"), &error);
    const auto channels = serial
        ? parseChannelList(options->has(QStringLiteral("channels")) ? options->value(QStringLiteral("channels"))
                                                                    : QStringLiteral("1-8"),
            &error)
        : std::nullopt;
    if (!channels) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    int exitCode = kExitOk;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    app::CalibrationService service(session->store());
    for (const int ch : *channels) {
        const auto st = service.status(session->user, *serial, ch);
        if (!st.ok()) {
            return reportFailure(st.error(), command, err);
        }
        printStatus(*st, out);
        const auto drift = service.drift(session->user, *serial, ch);
        if (drift.ok() && drift->warning()) {
            out << "  drift warning: " << drift->message << '\n';
        }
    }
    return kExitOk;
}

int policy(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli calibration policy");
    OptionSpec spec;
    spec.valued = {QStringLiteral("require-record"), QStringLiteral("reason")};
    const auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }
    const QString wanted = options->value(QStringLiteral("require-record"));
    if (options->has(QStringLiteral("require-record")) && wanted != QStringLiteral("on")
        && wanted != QStringLiteral("off")) {
        err << command << ": --require-record: '" << wanted << "' must be on or off\n";
        return kExitUsage;
    }
    int exitCode = kExitOk;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    app::CalibrationService service(session->store());
    if (options->has(QStringLiteral("require-record"))) {
        const auto set = service.setRequiresCalibrationRecord(
            session->user, wanted == QStringLiteral("on"), options->value(QStringLiteral("reason")));
        if (!set.ok()) {
            return reportFailure(set.error(), command, err);
        }
    }
    const auto required = service.requiresCalibrationRecord(session->user);
    if (!required.ok()) {
        return reportFailure(required.error(), command, err);
    }
    out << "require a calibration record: " << (*required ? "on" : "off") << '\n';
    return kExitOk;
}

} // namespace

int runCalibrationCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("list")) {
        return list(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("status")) {
        return status(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("policy")) {
        return policy(args.mid(1), out, err);
    }
    return unknownSubcommand(QStringLiteral("calibration"), args,
        {QStringLiteral("list"), QStringLiteral("status"), QStringLiteral("policy")}, err);
}

} // namespace galvani::cli
