// SPDX-License-Identifier: GPL-3.0-or-later
// CSV export: cell encoding, and a round trip of hostile text through an independent RFC 4180 reader.
#include "ExportFixture.h"
#include "RfcCsvReader.h"

#include "db/export/CsvText.h"
#include "db/export/CsvWriter.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>

using namespace galvani;
using db::exp::ExportFormat;
using galvani::test::Hostile;

namespace {

// The value a text cell must read back as: the neutralising apostrophe before a formula trigger, NUL → U+FFFD.
QString expectedText(const QString& stored)
{
    static const QString kTriggers = QStringLiteral("=+-@\t\r");
    QString v = stored;
    if (!v.isEmpty() && (kTriggers.contains(v.front()) || v.front() == QChar(u'\0'))) {
        v.prepend(QLatin1Char('\''));
    }
    v.replace(QChar(u'\0'), QChar(QChar::ReplacementCharacter));
    return v;
}

struct Csv {
    QStringList header;
    QList<QStringList> rows;
    [[nodiscard]] QString cell(int row, const char* column) const
    {
        const auto i = header.indexOf(QLatin1String(column));
        REQUIRE(i >= 0);
        return rows.at(row).at(i);
    }
    [[nodiscard]] QList<int> rowsOfSession(qint64 id) const
    {
        QList<int> out;
        for (int r = 0; r < rows.size(); ++r) {
            if (cell(r, "session_id") == QString::number(id)) {
                out.append(r);
            }
        }
        return out;
    }
};

Csv parse(const QByteArray& bytes)
{
    const test::CsvTable t = test::readRfc4180(bytes);
    INFO(t.error.toStdString());
    REQUIRE(t.error.isEmpty());
    REQUIRE_FALSE(t.records.isEmpty());
    Csv csv{t.records.first(), t.records.mid(1)};
    for (const QStringList& r : csv.rows) {
        REQUIRE(r.size() == csv.header.size());
    }
    return csv;
}

} // namespace

TEST_CASE("CSV text cells are quoted, neutralised and freed of NUL", "[db][export][csv]")
{
    using db::exp::csv::text;
    CHECK(text(QStringLiteral("plain")) == QStringLiteral("plain"));
    CHECK(text(QString()) == QString());
    CHECK(text(QStringLiteral("a,b")) == QStringLiteral("\"a,b\""));
    CHECK(text(QStringLiteral("say \"hi\"")) == QStringLiteral("\"say \"\"hi\"\"\""));
    CHECK(text(QStringLiteral("line\r\nbreak")) == QStringLiteral("\"line\r\nbreak\""));
    CHECK(text(QStringLiteral("lf\nonly")) == QStringLiteral("\"lf\nonly\""));
    CHECK(text(QStringLiteral("=1+2")) == QStringLiteral("'=1+2"));
    CHECK(text(QStringLiteral("+1")) == QStringLiteral("'+1"));
    CHECK(text(QStringLiteral("-1")) == QStringLiteral("'-1"));
    CHECK(text(QStringLiteral("@SUM(A1)")) == QStringLiteral("'@SUM(A1)"));
    CHECK(text(QStringLiteral("\tx")) == QStringLiteral("'\tx"));
    CHECK(text(QStringLiteral("\rx")) == QStringLiteral("\"'\rx\""));
    CHECK(text(QStringLiteral("=\"x\",y")) == QStringLiteral("\"'=\"\"x\"\",y\""));
    CHECK(text(QStringLiteral("a=b")) == QStringLiteral("a=b"));
    CHECK(text(QString::fromUtf16(u"a\0b", 3)) == QStringLiteral("a\uFFFDb"));
    CHECK(text(QString::fromUtf16(u"\0x", 2)) == QStringLiteral("'\uFFFDx"));
    CHECK(text(QStringLiteral("😀 \u200F")) == QStringLiteral("😀 \u200F"));
}

TEST_CASE("CSV numbers stay plain and thousandths are exact decimals", "[db][export][csv]")
{
    using db::exp::csv::number;
    using db::exp::csv::thousandths;
    CHECK(number(-5) == QStringLiteral("-5"));
    CHECK(number(std::nullopt) == QString());
    CHECK(thousandths(12'500) == QStringLiteral("12.5"));
    CHECK(thousandths(12'345) == QStringLiteral("12.345"));
    CHECK(thousandths(50'000) == QStringLiteral("50"));
    CHECK(thousandths(7) == QStringLiteral("0.007"));
    CHECK(thousandths(0) == QStringLiteral("0"));
    CHECK(thousandths(-250) == QStringLiteral("-0.25"));
    CHECK(thousandths(std::numeric_limits<qint64>::min()) == QStringLiteral("-9223372036854775.808"));
    CHECK(thousandths(std::nullopt) == QString());
}

TEST_CASE("a CSV export round-trips hostile text through an independent RFC 4180 reader", "[db][export][csv]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const auto run = test::runExport(store, f, ExportFormat::Csv);
    REQUIRE(run.report.ok());
    CHECK_FALSE(run.bytes.startsWith("\xEF\xBB\xBF"));
    const Csv csv = parse(run.bytes);
    CHECK(csv.header == db::exp::CsvWriter::columns());
    CHECK(csv.header.contains(QStringLiteral("max_amplitude_mA")));
    CHECK(csv.rows.size() == 6); // one per session channel: 1 + 2 + 1 + 1 + 1
    CHECK(run.report->rows == 6);
    CHECK(run.report->sessions == 5);

    const auto s2 = csv.rowsOfSession(f.s(2).id);
    REQUIRE(s2.size() == 2);
    for (const int r : s2) {
        CHECK(csv.cell(r, "patient_family_name") == expectedText(Hostile::family()));
        CHECK(csv.cell(r, "patient_given_names") == expectedText(Hostile::given()));
        CHECK(csv.cell(r, "patient_mrn") == expectedText(Hostile::mrn()));
        CHECK(csv.cell(r, "therapist_username") == expectedText(Hostile::therapist()));
        CHECK(csv.cell(r, "device_serial") == expectedText(Hostile::device()));
        CHECK(csv.cell(r, "device_firmware") == expectedText(Hostile::firmware()));
        CHECK(csv.cell(r, "workstation") == Hostile::workstation());
        CHECK(csv.cell(r, "program_name") == expectedText(Hostile::program()));
        CHECK(csv.cell(r, "program_key") == QStringLiteral("nmes,1"));
        CHECK(csv.cell(r, "muscle") == expectedText(Hostile::muscle()));
        CHECK(csv.cell(r, "landmark") == expectedText(Hostile::landmark()));
        CHECK(csv.cell(r, "lead_label") == expectedText(Hostile::leadLabel()));
        CHECK(csv.cell(r, "end_reason") == QStringLiteral("stopped_by_therapist"));
        CHECK(csv.cell(r, "nprs_before") == QStringLiteral("8"));
        CHECK(csv.cell(r, "nprs_after") == QStringLiteral("6"));
    }
    CHECK(csv.cell(s2.at(0), "channel") == QStringLiteral("1"));
    CHECK(csv.cell(s2.at(1), "channel") == QStringLiteral("2"));
    CHECK(csv.cell(s2.at(1), "max_amplitude_mA") == QStringLiteral("16.001"));
    CHECK(csv.cell(s2.at(1), "mean_commanded_mA") == QStringLiteral("15.501")); // (15000 + 16001) / 2, rounded
    CHECK(csv.cell(s2.at(1), "measured_mean_mA") == QString()); // the device measured nothing on channel 2

    const auto s1 = csv.rowsOfSession(f.s(1).id);
    REQUIRE(s1.size() == 1);
    const int r1 = s1.first();
    CHECK(csv.cell(r1, "schema_version") == QStringLiteral("1"));
    CHECK(csv.cell(r1, "patient_family_name") == QStringLiteral("Okafor"));
    CHECK(csv.cell(r1, "patient_birth_date") == QStringLiteral("1971-04-23"));
    CHECK(csv.cell(r1, "started_utc") == QStringLiteral("2026-01-01T08:00:00.000Z"));
    CHECK(csv.cell(r1, "ended_utc") == QStringLiteral("2026-01-01T08:15:00.000Z"));
    CHECK(csv.cell(r1, "duration_s") == QStringLiteral("900"));
    CHECK(csv.cell(r1, "frequency_Hz") == QStringLiteral("50"));
    CHECK(csv.cell(r1, "pulse_width_us") == QStringLiteral("300"));
    CHECK(csv.cell(r1, "side") == QStringLiteral("left"));
    CHECK(csv.cell(r1, "max_amplitude_mA") == QStringLiteral("12.5"));
    CHECK(csv.cell(r1, "total_charge_uC") == QStringLiteral("180"));
    CHECK(csv.cell(r1, "summary_seconds_s") == QStringLiteral("3"));
    CHECK(csv.cell(r1, "mean_commanded_mA") == QStringLiteral("11.5"));
    CHECK(csv.cell(r1, "measured_min_mA") == QStringLiteral("9.8"));
    CHECK(csv.cell(r1, "measured_mean_mA") == QStringLiteral("11.433"));
    CHECK(csv.cell(r1, "measured_max_mA") == QStringLiteral("12.6"));
    CHECK(csv.cell(r1, "nprs_before") == QStringLiteral("7"));
    CHECK(csv.cell(r1, "nprs_after") == QStringLiteral("4"));

    const int r5 = csv.rowsOfSession(f.s(5).id).first();
    CHECK(csv.cell(r5, "ended_utc") == QString());
    CHECK(csv.cell(r5, "end_reason") == QString());
    CHECK(csv.cell(r5, "summary_seconds_s") == QString());

    // No text cell anywhere starts with a formula trigger.
    for (const QStringList& row : csv.rows) {
        for (const QString& cell : row) {
            INFO(cell.toStdString());
            CHECK_FALSE((!cell.isEmpty() && QStringLiteral("=+@\t\r").contains(cell.front())));
            // The only cells that may start with '-' are numbers the exporter wrote; this data has none.
            CHECK_FALSE(cell.startsWith(QLatin1Char('-')));
        }
    }
}

TEST_CASE("a CSV export starts with a byte order mark only when asked", "[db][export][csv]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    db::exp::ExportOptions options;
    options.csvByteOrderMark = true;
    const auto run = test::runExport(store, f, ExportFormat::Csv, {}, options);
    REQUIRE(run.report.ok());
    REQUIRE(run.bytes.startsWith("\xEF\xBB\xBF"
                                 "schema_version,"));
    const test::CsvTable t = test::readRfc4180(run.bytes);
    CHECK(t.error.isEmpty());
    CHECK(t.byteOrderMark);
    CHECK(t.records.size() == 7);
}

TEST_CASE("a pseudonymised CSV export leaves out MRN, name and birth date", "[db][export][csv]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    db::exp::ExportOptions options;
    options.pseudonymise = true;
    const auto run = test::runExport(store, f, ExportFormat::Csv, {}, options);
    REQUIRE(run.report.ok());
    const Csv csv = parse(run.bytes);
    for (int r = 0; r < csv.rows.size(); ++r) {
        CHECK(csv.cell(r, "patient_mrn").isEmpty());
        CHECK(csv.cell(r, "patient_family_name").isEmpty());
        CHECK(csv.cell(r, "patient_given_names").isEmpty());
        CHECK(csv.cell(r, "patient_birth_date").isEmpty());
        CHECK(csv.cell(r, "patient_pseudonym").size() >= 8);
    }
    CHECK_FALSE(run.bytes.contains("Okafor"));
    CHECK_FALSE(run.bytes.contains("MRN-0001"));
}

TEST_CASE("a NUL in stored text reaches the CSV as U+FFFD in a neutralised cell", "[db][export][csv]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const QString withNul = QString::fromUtf16(u"\0Nul\0Name", 9);
    QSqlQuery q(store.db->connection());
    REQUIRE(q.prepare(QStringLiteral("UPDATE patients SET family_name = :v WHERE id = :id")));
    q.bindValue(QStringLiteral(":v"), withNul);
    q.bindValue(QStringLiteral(":id"), f.patient1);
    if (store.dialect() == db::Dialect::Postgresql) {
        // PostgreSQL cannot store NUL in text, so no NUL can reach an export from it.
        CHECK_FALSE(q.exec());
        return;
    }
    REQUIRE(q.exec());
    REQUIRE(store.scalar(QStringLiteral("SELECT family_name FROM patients WHERE id = %1").arg(f.patient1)).toString()
        == withNul);
    const auto run = test::runExport(store, f, ExportFormat::Csv);
    REQUIRE(run.report.ok());
    CHECK_FALSE(run.bytes.contains('\0'));
    const Csv csv = parse(run.bytes);
    const int r = csv.rowsOfSession(f.s(1).id).first();
    CHECK(csv.cell(r, "patient_family_name") == QStringLiteral("'\uFFFDNul\uFFFDName"));
}
