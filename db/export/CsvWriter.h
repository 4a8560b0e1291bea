// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/export/SessionWriter.h"

namespace galvani::db::exp {

class ExportSink;

// CSV export, RFC 4180: one header row, then one row per session channel (a session without channels still gets
// one row). Rows end in CRLF; cells are encoded by csv::text / csv::number (quoting, formula neutralisation, NUL
// replacement). UTF-8, without a byte order mark unless ExportOptions::csvByteOrderMark. Units are in the column
// names (amplitude_mA, charge_uC, frequency_Hz, pulse_width_us, …); times are ISO 8601 UTC with milliseconds.
// The first column, schema_version, changes whenever columns change meaning, move or disappear.
// Thread affinity: the exporting thread. Ownership: borrows the sink.
class CsvWriter final : public SessionWriter {
public:
    static constexpr int kSchemaVersion = 1;

    explicit CsvWriter(ExportSink& sink);

    [[nodiscard]] Status begin(const ExportHeader& header) override;
    [[nodiscard]] Status write(const ExportSession& session) override;
    [[nodiscard]] Status finish() override;
    [[nodiscard]] qint64 rows() const override { return m_rows; }

    // The header row's column names, in order.
    [[nodiscard]] static QStringList columns();

private:
    ExportSink& m_sink;
    bool m_pseudonymise = false;
    qint64 m_rows = 0;
};

} // namespace galvani::db::exp
