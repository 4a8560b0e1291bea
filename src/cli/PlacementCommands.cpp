// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli placement list|record`.
#include "RecordCommands.h"

#include "app/services/PlacementService.h"

#include <QRegularExpression>

#include <cmath>

namespace galvani::cli {

namespace {

// "5x9" or "7.6x12.7" (cm, also with ×) → width and height in mm. False for anything else or sizes outside
// 0.5–50 cm, the range the placement record accepts.
bool parseElectrode(const QString& text, int* widthMm, int* heightMm)
{
    static const QRegularExpression kSize(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*[x×]\\s*(\\d+(?:\\.\\d+)?)\\s*$"));
    const auto m = kSize.match(text);
    if (!m.hasMatch()) {
        return false;
    }
    const double w = m.captured(1).toDouble();
    const double h = m.captured(2).toDouble();
    if (w < 0.5 || w > 50.0 || h < 0.5 || h > 50.0) {
        return false;
    }
    *widthMm = static_cast<int>(std::lround(w * 10.0));
    *heightMm = static_cast<int>(std::lround(h * 10.0));
    return true;
}

QString cm(int mm)
{
    return QString::number(mm / 10.0, 'f', 1);
}

void printPlacement(const app::PlacementView& p, QTextStream& out)
{
    out << "channel " << p.channel << '\t' << (p.siteId.isEmpty() ? p.side + QLatin1Char(' ') + p.muscle : p.siteId)
        << '\t' << cm(p.electrodeWidthMm) << " x " << cm(p.electrodeHeightMm) << " cm ("
        << QString::number(p.electrodeAreaMm2 / 100.0, 'f', 2) << " cm²)\t" << app::toString(p.polarity) << '\t'
        << app::toString(p.posture) << '\t' << p.landmark << ", offset " << p.offsetCranialMm << " mm cranial, "
        << p.offsetLateralMm << " mm lateral\tplacement " << p.id << '\n';
}

int listPlacements(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli placement list");
    const auto options = parseRecordOptions(args, OptionSpec{{QStringLiteral("patient")}, {}, {}}, command, err);
    if (!options) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    app::PlacementService placements(session->store());
    if (options->has(QStringLiteral("patient"))) {
        const auto current = placements.current(session->user, options->value(QStringLiteral("patient")));
        if (!current.ok()) {
            return reportFailure(current.error(), command, err);
        }
        for (const auto& p : current.value()) {
            printPlacement(p, out);
        }
        return kExitOk;
    }
    const auto sites = placements.catalogue(session->user);
    if (!sites.ok()) {
        return reportFailure(sites.error(), command, err);
    }
    for (const auto& s : sites.value()) {
        out << s.id << '\t' << s.muscle << '\t' << s.side << '\t' << s.landmark << "\toffset " << s.offsetCranialMm
            << " mm cranial, " << s.offsetLateralMm << " mm lateral\n";
    }
    return kExitOk;
}

int recordPlacement(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli placement record");
    const auto options = parseRecordOptions(args,
        OptionSpec{{QStringLiteral("patient"), QStringLiteral("site"), QStringLiteral("channel"),
                       QStringLiteral("electrode"), QStringLiteral("polarity"), QStringLiteral("posture"),
                       QStringLiteral("electrode-type"), QStringLiteral("lead"), QStringLiteral("notes")},
            {}, {}},
        command, err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto mrn = options->text(QStringLiteral("patient"), &error);
    const auto site = mrn ? options->text(QStringLiteral("site"), &error) : std::nullopt;
    const auto channel = site ? options->integer(QStringLiteral("channel"), &error) : std::nullopt;
    const auto electrode = channel ? options->text(QStringLiteral("electrode"), &error) : std::nullopt;
    if (!electrode) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    app::PlacementInput input;
    input.siteId = *site;
    input.channel = *channel;
    if (!parseElectrode(*electrode, &input.electrodeWidthMm, &input.electrodeHeightMm)) {
        err << command << ": --electrode: '" << *electrode << "' is not WIDTHxHEIGHT in cm, each 0.5–50 (e.g. 5x9)\n";
        return kExitUsage;
    }
    if (options->has(QStringLiteral("polarity"))
        && !app::parsePolarity(options->value(QStringLiteral("polarity")), &input.polarity)) {
        err << command << ": --polarity: '" << options->value(QStringLiteral("polarity"))
            << "' is not one of active-cathode, reference, symmetric\n";
        return kExitUsage;
    }
    if (options->has(QStringLiteral("posture"))
        && !app::parsePosture(options->value(QStringLiteral("posture")), &input.posture)) {
        err << command << ": --posture: '" << options->value(QStringLiteral("posture"))
            << "' is not one of supine, prone, sitting, standing, side-lying\n";
        return kExitUsage;
    }
    if (options->has(QStringLiteral("electrode-type"))
        && !app::parseElectrodeKind(options->value(QStringLiteral("electrode-type")), &input.electrodeKind)) {
        err << command << ": --electrode-type: '" << options->value(QStringLiteral("electrode-type"))
            << "' is not one of self-adhesive, carbon-sponge\n";
        return kExitUsage;
    }
    input.leadLabel = options->value(QStringLiteral("lead"));
    input.notes = options->value(QStringLiteral("notes"));
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto recorded = app::PlacementService(session->store()).record(session->user, *mrn, input);
    if (!recorded.ok()) {
        return reportFailure(recorded.error(), command, err);
    }
    out << "placement recorded: ";
    printPlacement(recorded.value(), out);
    return kExitOk;
}

} // namespace

int runPlacementCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("list")) {
        return listPlacements(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("record")) {
        return recordPlacement(args.mid(1), out, err);
    }
    return unknownSubcommand(
        QStringLiteral("placement"), args, {QStringLiteral("list"), QStringLiteral("record")}, err);
}

} // namespace galvani::cli
