// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliOptions.h"

#include <cmath>

namespace galvani::cli {

std::optional<QString> CliOptions::parse(const QStringList& args, const QStringList& known, CliOptions* out)
{
    return parseSpec(args, OptionSpec{known, {}, {}}, out);
}

std::optional<QString> CliOptions::parseSpec(const QStringList& args, const OptionSpec& spec, CliOptions* out)
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
        const bool flag = spec.flags.contains(name);
        const bool repeatable = spec.repeatable.contains(name);
        if (!flag && !repeatable && !spec.valued.contains(name)) {
            const QStringList all = spec.valued + spec.repeatable + spec.flags;
            return QStringLiteral("unknown option '%1'; allowed: --%2").arg(arg, all.join(QStringLiteral(", --")));
        }
        if (options.m_values.contains(name) && !repeatable) {
            return QStringLiteral("option '%1' is given twice").arg(arg);
        }
        if (flag) {
            options.m_values.insert(name, QStringList());
            continue;
        }
        if (i + 1 >= args.size()) {
            return QStringLiteral("option '%1' needs a value").arg(arg);
        }
        options.m_values[name].append(args.at(++i));
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
    const int v = value(name).toInt(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1: '%2' is not a whole number").arg(name, value(name));
        return std::nullopt;
    }
    return v;
}

std::optional<double> CliOptions::number(const QString& name, QString* error) const
{
    if (!m_values.contains(name)) {
        *error = QStringLiteral("--%1 is required").arg(name);
        return std::nullopt;
    }
    bool ok = false;
    const double v = value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        *error = QStringLiteral("--%1: '%2' is not a number").arg(name, value(name));
        return std::nullopt;
    }
    return v;
}

std::optional<double> CliOptions::number(const QString& name, double fallback, QString* error) const
{
    if (!m_values.contains(name)) {
        return fallback;
    }
    return number(name, error);
}

std::optional<QString> CliOptions::text(const QString& name, QString* error) const
{
    if (!m_values.contains(name)) {
        *error = QStringLiteral("--%1 is required").arg(name);
        return std::nullopt;
    }
    if (value(name).trimmed().isEmpty()) {
        *error = QStringLiteral("--%1 must not be empty").arg(name);
        return std::nullopt;
    }
    return value(name);
}

} // namespace galvani::cli
