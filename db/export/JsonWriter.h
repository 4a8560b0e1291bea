// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/export/SessionWriter.h"

#include <QJsonObject>

namespace galvani::db::exp {

class ExportSink;

// JSON export: one top-level object written as a stream,
//   {"format":"galvani.sessions","schema_version":1,"exported_utc":…,"filter":{…},"total":N,
//    "sessions":[{…},{…},…],"session_count":M}
// with one compact object per session: patient, therapist, device, times (ISO 8601 UTC and UTC ms), end reason,
// channels (programme, placement, totals and the aggregated per-second summaries), outcomes and, with
// ExportOptions::includeEvents, the event log. Numbers keep the store's integer units, named in the keys
// (max_amplitude_uA, total_charge_uC, frequency_mHz); absent values are null. UTF-8, no byte order mark.
// Thread affinity: the exporting thread. Ownership: borrows the sink.
class JsonWriter final : public SessionWriter {
public:
    static constexpr int kSchemaVersion = 1;

    explicit JsonWriter(ExportSink& sink);

    [[nodiscard]] Status begin(const ExportHeader& header) override;
    [[nodiscard]] Status write(const ExportSession& session) override;
    [[nodiscard]] Status finish() override;
    [[nodiscard]] qint64 rows() const override { return m_sessions; }

    // The JSON object of one session, as written.
    [[nodiscard]] static QJsonObject toJson(const ExportSession& session, bool pseudonymise, bool withEvents);

private:
    ExportSink& m_sink;
    ExportOptions m_options;
    qint64 m_sessions = 0;
};

// The filter as JSON (for file headers and the audit row): absent conditions are left out.
[[nodiscard]] QJsonObject filterJson(const ExportFilter& filter);

} // namespace galvani::db::exp
