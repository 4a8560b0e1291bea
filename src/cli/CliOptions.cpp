// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliOptions.h"

#include <cmath>

namespace galvani::cli {

std::optional<QString> CliOptions::parse(const QStringList& args, const QStringList& known, CliOptions* out)
{
    CliOptions options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (!arg.startsWith(QStringLiteral("--"))) {
            if (!options.m_values.isEmpty()) {
                return QStringLiteral("unexpected argument '%1' after the options").arg(arg);
            }
            options.m_positionals << arg;
            continue;
        }
        const QString name = arg.mid(2);
        if (!known.contains(name)) {
            return QStringLiteral("unknown option '%1'; allowed: --%2").arg(arg, known.join(QStringLiteral(", --")));
        }
        if (options.m_values.contains(name)) {
            return QStringLiteral("option '%1' is given twice").arg(arg);
        }
        if (i + 1 >= args.size()) {
            return QStringLiteral("option '%1' needs a value").arg(arg);
        }
        options.m_values.insert(name, args.at(++i));
    }
    *out = options;
    return std::nullopt;
}

std::optional<int> CliOptions::integer(const QString& name, QString* error) const
{
    if (!m_values.contains(name)) {
        *error = QStringLiteral("--%1 is required").arg(name);
        return std::nullopt;
    }
    bool ok = false;
    const int value = m_values.value(name).toInt(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1: '%2' is not a whole number").arg(name, m_values.value(name));
        return std::nullopt;
    }
    return value;
}

std::optional<double> CliOptions::number(const QString& name, QString* error) const
{
    if (!m_values.contains(name)) {
        *error = QStringLiteral("--%1 is required").arg(name);
        return std::nullopt;
    }
    bool ok = false;
    const double value = m_values.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        *error = QStringLiteral("--%1: '%2' is not a number").arg(name, m_values.value(name));
        return std::nullopt;
    }
    return value;
}

std::optional<double> CliOptions::number(const QString& name, double fallback, QString* error) const
{
    if (!m_values.contains(name)) {
        return fallback;
    }
    return number(name, error);
}

} // namespace galvani::cli
