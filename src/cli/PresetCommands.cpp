// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli preset list [--device URL]`.
#include "RecordCommands.h"

#include "app/services/PresetService.h"

namespace galvani::cli {

namespace {

int listPresets(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli preset list");
    const auto options = parseRecordOptions(args, OptionSpec{{QStringLiteral("device")}, {}, {}}, command, err);
    if (!options) {
        return kExitUsage;
    }
    const QString url = options->has(QStringLiteral("device"))
        ? options->value(QStringLiteral("device"))
        : QString::fromLatin1(app::PresetService::kDefaultDeviceUrl);
    const auto caps = app::PresetService::deviceCaps(url);
    if (!caps.ok()) {
        err << command << ": --device: " << caps.error().message << '\n';
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto presets = app::PresetService(session->store()).list(session->user, caps.value());
    if (!presets.ok()) {
        return reportFailure(presets.error(), command, err);
    }
    out << "device " << url << ": " << caps->channels << " channels\n";
    for (const auto& p : presets.value()) {
        out << p.id << '\t' << p.name << '\t';
        if (p.deliverable) {
            out << "deliverable\n";
        } else {
            out << "not deliverable: " << p.reasons.join(QStringLiteral("; ")) << '\n';
        }
    }
    return kExitOk;
}

} // namespace

int runPresetCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (args.value(0) == QStringLiteral("list")) {
        return listPresets(args.mid(1), out, err);
    }
    return unknownSubcommand(QStringLiteral("preset"), args, {QStringLiteral("list")}, err);
}

} // namespace galvani::cli
