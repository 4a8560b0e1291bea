// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::cli {

// The options a command accepts, by kind (names without dashes).
struct OptionSpec {
    QStringList valued; // --name value, at most once
    QStringList repeatable; // --name value, any number of times (e.g. --channel for each channel)
    QStringList flags; // --name, without a value
};

// `--name value` options (and `--flag`s) after a command's positional arguments. Every error names the argument
// at fault. Thread affinity: the main thread. Ownership: values.
class CliOptions {
public:
    // Splits args into positionals (before the first --option) and options; known lists the option names
    // (without dashes) the command accepts, each taking one value once. Returns an error text for an unknown,
    // repeated or valueless option.
    [[nodiscard]] static std::optional<QString> parse(
        const QStringList& args, const QStringList& known, CliOptions* out);
    // The same with flags and repeatable options: a flag takes no value and may not repeat; a repeatable option
    // takes a value each time it appears.
    // (A name of its own, so `parse(args, {}, &out)` stays unambiguous.)
    [[nodiscard]] static std::optional<QString> parseSpec(
        const QStringList& args, const OptionSpec& spec, CliOptions* out);

    [[nodiscard]] const QStringList& positionals() const { return m_positionals; }
    // Whether the option or flag was given.
    [[nodiscard]] bool has(const QString& name) const { return m_values.contains(name); }
    // The value of an option given once (empty when absent), and every value of a repeatable one, in order.
    [[nodiscard]] QString value(const QString& name) const { return m_values.value(name).value(0); }
    [[nodiscard]] QStringList values(const QString& name) const { return m_values.value(name); }

    // Typed getters: nullopt plus *error ("--channel: 'x' is not a whole number") when the value is missing
    // (and required) or malformed. A missing optional option yields the fallback.
    [[nodiscard]] std::optional<int> integer(const QString& name, QString* error) const;
    [[nodiscard]] std::optional<double> number(const QString& name, QString* error) const;
    [[nodiscard]] std::optional<double> number(const QString& name, double fallback, QString* error) const;
    // A required option with a value that is not blank ("--mrn is required", "--mrn must not be empty").
    [[nodiscard]] std::optional<QString> text(const QString& name, QString* error) const;

private:
    QStringList m_positionals;
    QMap<QString, QStringList> m_values; // a flag maps to an empty list
};

} // namespace galvani::cli
