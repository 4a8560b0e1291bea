// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::cli {

// `--name value` options after a command's positional arguments. Every error names the argument at fault.
// Thread affinity: the main thread. Ownership: values.
class CliOptions {
public:
    // Splits args into positionals (before the first --option) and options; known lists the option names
    // (without dashes) the command accepts. Returns an error text for an unknown, repeated or valueless option.
    [[nodiscard]] static std::optional<QString> parse(
        const QStringList& args, const QStringList& known, CliOptions* out);

    [[nodiscard]] const QStringList& positionals() const { return m_positionals; }
    [[nodiscard]] bool has(const QString& name) const { return m_values.contains(name); }

    // Typed getters: nullopt plus *error ("--channel: 'x' is not a whole number") when the value is missing
    // (and required) or malformed. A missing optional option yields the fallback.
    [[nodiscard]] std::optional<int> integer(const QString& name, QString* error) const;
    [[nodiscard]] std::optional<double> number(const QString& name, QString* error) const;
    [[nodiscard]] std::optional<double> number(const QString& name, double fallback, QString* error) const;

private:
    QStringList m_positionals;
    QMap<QString, QString> m_values;
};

} // namespace galvani::cli
