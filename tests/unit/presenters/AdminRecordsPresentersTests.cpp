// SPDX-License-Identifier: GPL-3.0-or-later
// The admin panels' presenters for the records (audit verification, backup and restore, export, session history) on
// a real AppContext, without widgets: what each words and runs on the worker, and that a refusal or a cancel
// leaves nothing behind.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/AuthService.h"
#include "app/services/BackupService.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/UserService.h"
#include "support/WaitUntil.h"
#include "ui/presenters/AuditPresenter.h"
#include "ui/presenters/ExportPresenter.h"
#include "ui/presenters/HistoryPresenter.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>

#include <chrono>

#include <optional>

using namespace galvani;
using galvani::test::AdminWorld;
using ui::presenters::FeedbackKind;

TEST_CASE("audit presenter: verification and backup run on the worker, one at a time, and report back worded")
{
    AdminWorld w;
    ui::presenters::AuditPresenter p(w.context(), w.admin);
    std::optional<ui::presenters::AuditPresenter::Verification> verified;
    std::optional<ui::presenters::AuditPresenter::Result> backedUp;
    QList<bool> busy;
    QObject::connect(&p, &ui::presenters::AuditPresenter::verifyFinished,
        [&](const ui::presenters::AuditPresenter::Verification& v) { verified = v; });
    QObject::connect(&p, &ui::presenters::AuditPresenter::backupFinished,
        [&](const ui::presenters::AuditPresenter::Result& r) { backedUp = r; });
    QObject::connect(&p, &ui::presenters::AuditPresenter::busyChanged, [&](bool b) { busy.append(b); });

    auto started = p.verify();
    CHECK(started.kind == FeedbackKind::Info);
    CHECK(p.busy());
    // One job at a time: a second start while the first runs does nothing.
    CHECK(p.backup(w.path(QStringLiteral("b.sqlite"))).kind == FeedbackKind::None);
    REQUIRE(test::waitUntil([&] { return verified.has_value(); }, std::chrono::milliseconds(20000)));
    CHECK_FALSE(p.busy());
    CHECK(busy == QList<bool>{true, false});
    CHECK(verified->verdict == ui::presenters::AuditPresenter::Verdict::Intact);
    CHECK(verified->text.startsWith(QStringLiteral("OK (")));
    REQUIRE(p.lastCheck());
    CHECK(p.lastCheck()->ok);
    CHECK_FALSE(backedUp.has_value());

    started = p.backup(QStringLiteral("   "));
    CHECK(started.isError());
    CHECK(started.focus == ui::presenters::AuditPresenter::Field::BackupPath);
    CHECK(started.text.startsWith(QStringLiteral("backup file: ")));
    CHECK_FALSE(p.busy());

    const QString file = w.path(QStringLiteral("backup.sqlite"));
    started = p.backup(QStringLiteral(" %1 ").arg(file));
    CHECK(started.text == QStringLiteral("Backing up to %1 …").arg(file));
    REQUIRE(test::waitUntil([&] { return backedUp.has_value(); }, std::chrono::milliseconds(20000)));
    INFO(backedUp->text.toStdString());
    CHECK(backedUp->kind == FeedbackKind::Success);
    CHECK(backedUp->text.startsWith(QStringLiteral("backup written: %1 — ").arg(file)));
    CHECK(QFileInfo::exists(file));
    CHECK_FALSE(verified->verdict == ui::presenters::AuditPresenter::Verdict::Failed);
}

TEST_CASE("audit presenter: a restore is checked, refused verbatim for a bad file, and announces the new store")
{
    AdminWorld w;
    ui::presenters::AuditPresenter p(w.context(), w.admin);
    std::optional<ui::presenters::AuditPresenter::Result> backedUp;
    QObject::connect(&p, &ui::presenters::AuditPresenter::backupFinished,
        [&](const ui::presenters::AuditPresenter::Result& r) { backedUp = r; });
    QStringList order;
    std::optional<ui::presenters::AuditPresenter::Result> restored;
    QObject::connect(
        &p, &ui::presenters::AuditPresenter::restoreFinished, [&](const ui::presenters::AuditPresenter::Result& r) {
            restored = r;
            order.append(QStringLiteral("finished"));
        });
    QObject::connect(&p, &ui::presenters::AuditPresenter::storeRestored,
        [&](const app::BackupSummary&) { order.append(QStringLiteral("restored")); });

    const auto check = p.checkRestore(QString());
    CHECK(check.focus == ui::presenters::AuditPresenter::Field::RestorePath);
    CHECK(check.text.startsWith(QStringLiteral("backup to restore: ")));
    CHECK(p.checkRestore(QStringLiteral("/some/file")).kind == FeedbackKind::None);
    CHECK(ui::presenters::AuditPresenter::confirmRestoreText(QStringLiteral(" /some/file "))
              .contains(QStringLiteral("\n/some/file ?")));

    const QString missing = w.path(QStringLiteral("no-such-backup.sqlite"));
    p.restore(missing);
    REQUIRE(restored);
    CHECK(restored->isError());
    const auto direct = w.context().backups().restore(w.admin, missing);
    REQUIRE_FALSE(direct.ok());
    CHECK(restored->text == direct.error().message);
    CHECK(order == QStringList{QStringLiteral("finished")});

    const QString file = w.path(QStringLiteral("backup.sqlite"));
    REQUIRE(p.backup(file).kind == FeedbackKind::Info);
    REQUIRE(test::waitUntil([&] { return backedUp.has_value(); }, std::chrono::milliseconds(20000)));
    REQUIRE(backedUp->kind == FeedbackKind::Success);
    order.clear();
    p.restore(file);
    REQUIRE(restored);
    INFO(restored->text.toStdString());
    CHECK(restored->kind == FeedbackKind::Success);
    CHECK(restored->text.startsWith(QStringLiteral("restored from %1").arg(file)));
    // The outcome first, then the announcement whose receivers may end the panel.
    CHECK(order == QStringList{QStringLiteral("finished"), QStringLiteral("restored")});
}

// Regression: when a job's store connection could not be opened, the panel reported it under the verification
// whatever the job was, so a failed backup looked like a failed audit check and the backup said nothing.
TEST_CASE("audit presenter: a backup whose store connection cannot be opened is reported as the backup's failure")
{
    AdminWorld w;
    ui::presenters::AuditPresenter p(w.context(), w.admin);
    std::optional<ui::presenters::AuditPresenter::Verification> verified;
    std::optional<ui::presenters::AuditPresenter::Result> backedUp;
    QObject::connect(&p, &ui::presenters::AuditPresenter::verifyFinished,
        [&](const ui::presenters::AuditPresenter::Verification& v) { verified = v; });
    QObject::connect(&p, &ui::presenters::AuditPresenter::backupFinished,
        [&](const ui::presenters::AuditPresenter::Result& r) { backedUp = r; });
    // The store's file is removed under the running application: its own connection keeps the open file, a new
    // connection finds a new, empty store at the path and refuses it.
    for (const char* suffix : {"", "-wal", "-shm"}) {
        QFile::remove(w.path(QStringLiteral("galvani.sqlite") + QString::fromLatin1(suffix)));
    }
    REQUIRE(p.backup(w.path(QStringLiteral("backup.sqlite"))).kind == FeedbackKind::Info);
    REQUIRE(test::waitUntil([&] { return !p.busy(); }, std::chrono::milliseconds(20000)));
    QCoreApplication::processEvents();
    REQUIRE(backedUp.has_value());
    CHECK(backedUp->isError());
    CHECK(backedUp->text.startsWith(QStringLiteral("the record store could not be opened: ")));
    CHECK_FALSE(verified.has_value());
    CHECK_FALSE(QFileInfo::exists(w.path(QStringLiteral("backup.sqlite"))));
}

TEST_CASE("export presenter: the request as it will run, checked before it starts")
{
    AdminWorld w;
    ui::presenters::ExportPresenter admin(w.context(), w.admin);
    ui::presenters::ExportPresenter therapist(w.context(), w.tess);
    CHECK_FALSE(admin.ownSessionsOnly());
    CHECK(therapist.ownSessionsOnly());

    app::ExportRequest typed;
    typed.format = app::ExportFileFormat::Csv;
    typed.patientMrn = QStringLiteral("  MRN-1 ");
    typed.therapistUsername = QStringLiteral(" tom ");
    typed.outPath = QStringLiteral("  ");
    typed.includeEvents = true;
    auto request = admin.prepared(typed);
    CHECK(request.patientMrn == QStringLiteral("MRN-1"));
    CHECK(request.therapistUsername == QStringLiteral("tom"));
    CHECK_FALSE(request.includeEvents); // only a JSON export carries the event log
    const auto check = admin.check(request);
    CHECK(check.focus == ui::presenters::ExportPresenter::Field::OutputPath);
    CHECK(check.text.startsWith(QStringLiteral("output file: ")));
    // A therapist exports the sessions they ran, whatever was typed.
    CHECK(therapist.prepared(typed).therapistUsername == QStringLiteral("tess"));

    typed.format = app::ExportFileFormat::Json;
    typed.outPath = w.path(QStringLiteral("out.json"));
    request = admin.prepared(typed);
    CHECK(request.includeEvents);
    CHECK(admin.check(request).kind == FeedbackKind::None);
    CHECK_FALSE(ui::presenters::ExportPresenter::replacesFile(request));
    CHECK(ui::presenters::ExportPresenter::fileSuffix(app::ExportFileFormat::Fhir) == QStringLiteral("fhir.json"));
}

TEST_CASE("export presenter: an export runs on the worker with progress, a refusal and a cancel leave no file")
{
    AdminWorld w;
    w.addPatient(QStringLiteral("MRN-1"), QStringLiteral("Lind"), {1});
    w.runSession(w.tess, QStringLiteral("MRN-1"), {1}, 2);

    ui::presenters::ExportPresenter p(w.context(), w.admin);
    QList<QString> progress;
    std::optional<ui::presenters::ExportPresenter::Result> finished;
    QString finalProgress;
    QObject::connect(&p, &ui::presenters::ExportPresenter::progressChanged,
        [&](qint64, qint64, const QString& text) { progress.append(text); });
    QObject::connect(&p, &ui::presenters::ExportPresenter::finished,
        [&](const ui::presenters::ExportPresenter::Result& r, const QString& text) {
            finished = r;
            finalProgress = text;
        });

    app::ExportRequest typed;
    typed.format = app::ExportFileFormat::Csv;
    typed.outPath = w.path(QStringLiteral("sessions.csv"));
    const auto request = p.prepared(typed);
    auto started = p.start(request);
    CHECK(started.text == QStringLiteral("Exporting to %1 …").arg(request.outPath));
    CHECK(p.running());
    CHECK(p.start(request).kind == FeedbackKind::None); // one at a time
    REQUIRE(test::waitUntil([&] { return finished.has_value(); }, std::chrono::milliseconds(20000)));
    INFO(finished->text.toStdString());
    CHECK(finished->kind == FeedbackKind::Success);
    CHECK(finished->text.startsWith(QStringLiteral("exported 1 sessions (")));
    CHECK(finalProgress == QStringLiteral("1 of 1 sessions"));
    CHECK(progress.first() == QStringLiteral("Counting sessions…"));
    REQUIRE(p.lastSummary());
    CHECK(p.lastSummary()->sessions == 1);
    CHECK(QFileInfo::exists(request.outPath));
    CHECK(ui::presenters::ExportPresenter::replacesFile(request));

    // Cancelled before the worker began: an information, no file.
    finished.reset();
    auto second = request;
    second.outPath = w.path(QStringLiteral("cancelled.csv"));
    REQUIRE(p.start(second).kind == FeedbackKind::Info);
    p.cancel();
    CHECK(progress.last() == QStringLiteral("Cancelling…"));
    REQUIRE(test::waitUntil([&] { return finished.has_value(); }, std::chrono::milliseconds(20000)));
    CHECK(finished->kind == FeedbackKind::Info);
    CHECK(finalProgress == QStringLiteral("Cancelled"));
    CHECK_FALSE(p.lastSummary());
    CHECK_FALSE(QFileInfo::exists(second.outPath));

    // A technician may not export: the service's refusal, verbatim, as an error; no file.
    ui::presenters::ExportPresenter technician(w.context(), w.theo);
    std::optional<ui::presenters::ExportPresenter::Result> refused;
    QString refusedProgress;
    QObject::connect(&technician, &ui::presenters::ExportPresenter::finished,
        [&](const ui::presenters::ExportPresenter::Result& r, const QString& text) {
            refused = r;
            refusedProgress = text;
        });
    auto third = technician.prepared(typed);
    third.outPath = w.path(QStringLiteral("refused.csv"));
    REQUIRE(technician.start(third).kind == FeedbackKind::Info);
    REQUIRE(test::waitUntil([&] { return refused.has_value(); }, std::chrono::milliseconds(20000)));
    CHECK(refused->isError());
    CHECK(refused->text.contains(QStringLiteral("theo (technician) is not allowed")));
    CHECK(refusedProgress == QStringLiteral("Not exported"));
    CHECK_FALSE(QFileInfo::exists(third.outPath));
}

TEST_CASE("history presenter: a page of sessions worded for display, the newest shown in full")
{
    AdminWorld w;
    w.addPatient(QStringLiteral("MRN-A"), QStringLiteral("Lindqvist"), {1, 2});
    w.addPatient(QStringLiteral("MRN-B"), QStringLiteral("Nakamura"), {1});
    const qint64 first = w.runSession(w.tess, QStringLiteral("MRN-A"), {1, 2}, 2, 6, 3, QStringLiteral("looser"));
    const qint64 second = w.runSession(w.tom, QStringLiteral("MRN-B"), {1}, 1);

    ui::presenters::HistoryPresenter p(w.context().history(), w.tess);
    REQUIRE(p.allowed());
    CHECK(p.notice().isEmpty());
    CHECK(p.summary().startsWith(QStringLiteral("Select a session")));
    QSignalSpy pages(&p, &ui::presenters::HistoryPresenter::pageChanged);
    QSignalSpy details(&p, &ui::presenters::HistoryPresenter::detailChanged);
    p.search({});
    CHECK(pages.count() == 1);
    CHECK(details.count() == 1);
    CHECK(p.listFeedback().kind == FeedbackKind::None);
    REQUIRE(p.page().rows.size() == 2);
    CHECK(p.pageText() == QStringLiteral("Sessions 1–2 of 2, newest first"));
    CHECK_FALSE(p.canGoNewer());
    CHECK_FALSE(p.canGoOlder());
    const QStringList newest = p.rowText(0);
    REQUIRE(newest.size() == ui::presenters::HistoryPresenter::columnTitles().size());
    CHECK(newest.at(1).startsWith(QStringLiteral("MRN-B — ")));
    CHECK(newest.at(5) == QStringLiteral("1"));

    // A search always reads the newest session again, also when it is the one already shown (it may have
    // changed since, e.g. ended): the detail is re-read and announced.
    p.search({});
    CHECK(details.count() == 2);

    // The newest is shown in full.
    REQUIRE(p.detail());
    CHECK(p.detail()->session.id == second);
    CHECK(p.summary().startsWith(QStringLiteral("Session %1 · MRN-B — ").arg(second)));
    CHECK(p.outcomeText() == QStringLiteral("No outcome was recorded for this session."));

    p.select(first);
    REQUIRE(p.detail());
    CHECK(p.detail()->session.id == first);
    CHECK(p.summary().contains(QStringLiteral("Pain (NPRS 0–10): before 6, after 3")));
    const auto channels = p.channelRows();
    REQUIRE(channels.size() == 2);
    CHECK(channels.at(0).at(0) == QStringLiteral("1"));
    CHECK(channels.at(0).size() == ui::presenters::HistoryPresenter::channelTitles().size());
    const auto events = p.eventRows();
    REQUIRE(events.size() >= 2);
    CHECK(events.first().at(3) == QStringLiteral("Start"));
    CHECK(events.first().at(2) == QStringLiteral("0.000 s"));
    CHECK(events.last().at(3) == QStringLiteral("End"));
    CHECK(p.outcomeText().contains(QStringLiteral("Notes: looser")));

    // Filters: one patient; nothing matching; a refused filter, verbatim, with nothing shown.
    app::SessionHistoryFilter f;
    f.patientMrn = QStringLiteral("MRN-A");
    p.search(f);
    REQUIRE(p.page().rows.size() == 1);
    CHECK(p.detail()->session.id == first);
    f.from = QDate(2001, 1, 1);
    f.to = QDate(2001, 1, 2);
    p.search(f);
    CHECK(p.listFeedback().kind == FeedbackKind::None);
    CHECK(p.page().rows.isEmpty());
    CHECK(p.pageText() == QStringLiteral("No sessions."));
    CHECK_FALSE(p.detail());
    CHECK(p.summary() == QStringLiteral("No session matches these filters."));
    app::SessionHistoryFilter unknown;
    unknown.patientMrn = QStringLiteral("MRN-NONE");
    p.search(unknown);
    CHECK(p.listFeedback().isError());
    CHECK(p.listFeedback().text.startsWith(QStringLiteral("patient MRN: ")));
    CHECK(p.summary() == QStringLiteral("No session selected."));
    app::SessionHistoryFilter backwards;
    backwards.from = QDate(2026, 3, 2);
    backwards.to = QDate(2026, 3, 1);
    p.search(backwards);
    CHECK(p.listFeedback().isError());
    CHECK(p.listFeedback().text.contains(QStringLiteral("must not be after to date")));
    CHECK(p.page().rows.isEmpty());
    CHECK_FALSE(p.detail());
}

TEST_CASE("history presenter: outcomes are withheld from an admin, and a role without the grant makes no call")
{
    AdminWorld w;
    w.addPatient(QStringLiteral("MRN-A"), QStringLiteral("Lindqvist"), {1});
    w.runSession(w.tess, QStringLiteral("MRN-A"), {1}, 1, 6, 3, QStringLiteral("looser"));

    ui::presenters::HistoryPresenter admin(w.context().history(), w.admin);
    admin.search({});
    REQUIRE(admin.detail());
    CHECK(admin.outcomeText() == QStringLiteral("Outcomes are clinical content and are not shown to your role."));
    CHECK_FALSE(admin.summary().contains(QStringLiteral("Pain")));

    ui::presenters::HistoryPresenter technician(w.context().history(), w.theo);
    CHECK_FALSE(technician.allowed());
    CHECK(technician.notice().contains(QStringLiteral("Your role (technician) does not include it.")));
    QSignalSpy pages(&technician, &ui::presenters::HistoryPresenter::pageChanged);
    technician.search({});
    technician.select(1);
    CHECK(pages.count() == 0);
    CHECK(technician.page().rows.isEmpty());
    CHECK_FALSE(technician.detail());
    CHECK(technician.listFeedback().kind == FeedbackKind::None);
}
