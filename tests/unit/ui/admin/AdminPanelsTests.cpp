// SPDX-License-Identifier: GPL-3.0-or-later
// The admin panels driven like a user would: typing into fields and clicking buttons on a real AppContext with the
// in-process simulator and a temporary SQLite store.
#include "AdminWorld.h"

#include "app/calibration/CalibrationService.h"
#include "app/services/AuthService.h"
#include "app/services/BackupService.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/PatientService.h"
#include "app/services/SessionHistoryService.h"
#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/admin/AuditPanel.h"
#include "ui/admin/ExportPanel.h"
#include "ui/admin/HistoryPanel.h"
#include "ui/admin/PolicyPanel.h"
#include "ui/admin/UsersPanel.h"
#include "ui/plot/SessionChart.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>

#include <chrono>

using namespace galvani;
using test::AdminWorld;

namespace {

template <typename T>
T* child(QWidget& parent, const char* name)
{
    auto* w = parent.findChild<T*>(QString::fromLatin1(name));
    INFO("widget " << name);
    REQUIRE(w != nullptr);
    return w;
}

QStringList column(QTableWidget* table, int col)
{
    QStringList out;
    for (int row = 0; row < table->rowCount(); ++row) {
        out.append(table->item(row, col) ? table->item(row, col)->text() : QString());
    }
    return out;
}

int rowOf(QTableWidget* table, const QString& firstCell)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0) != nullptr && table->item(row, 0)->text() == firstCell) {
            return row;
        }
    }
    return -1;
}

// The confirmation box of that name that is open now (a closed one may wait for its deferred deletion).
QMessageBox* openBox(QWidget& parent, const char* name)
{
    for (auto* box : parent.findChildren<QMessageBox*>(QString::fromLatin1(name))) {
        if (box->isVisible()) {
            return box;
        }
    }
    return nullptr;
}

void showSized(QWidget& w, int width = 1100, int height = 760)
{
    w.resize(width, height);
    w.show();
    QCoreApplication::processEvents();
}

// Two patients, each treated once: A by tess on channels 1 and 2 (NPRS 6 → 3), B by tom on channel 1.
struct TreatedWorld {
    AdminWorld world;
    QString mrnA = QStringLiteral("MRN-UI-A");
    QString mrnB = QStringLiteral("MRN-UI-B");
    qint64 sessionA = 0;
    qint64 sessionB = 0;

    TreatedWorld()
    {
        world.addPatient(mrnA, QStringLiteral("Lindqvist"), {1, 2});
        world.addPatient(mrnB, QStringLiteral("Nakamura"), {1});
        sessionA = world.runSession(world.tess, mrnA, {1, 2}, 2, 6, 3, QStringLiteral("felt looser"));
        sessionB = world.runSession(world.tom, mrnB, {1}, 1);
    }
};

} // namespace

TEST_CASE("the users panel adds an account and lists it", "[ui][admin]")
{
    AdminWorld w;
    ui::UsersPanel panel(w.context(), w.admin);
    showSized(panel);
    auto* table = child<QTableWidget>(panel, "usersTable");
    CHECK(rowOf(table, QStringLiteral("tess")) >= 0);
    CHECK(rowOf(table, QStringLiteral("nina")) == -1);

    child<QLineEdit>(panel, "newUserName")->setText(QStringLiteral("nina"));
    child<QLineEdit>(panel, "newDisplayName")->setText(QStringLiteral("Nina Berg"));
    auto* role = child<QComboBox>(panel, "newRole");
    role->setCurrentIndex(role->findData(static_cast<int>(app::Role::Technician)));
    child<QLineEdit>(panel, "newPassword")->setText(QStringLiteral("a long enough passphrase"));
    child<QLineEdit>(panel, "repeatPassword")->setText(QStringLiteral("a long enough passphrase"));
    child<QPushButton>(panel, "addUserButton")->click();

    const int row = rowOf(table, QStringLiteral("nina"));
    REQUIRE(row >= 0);
    CHECK(table->item(row, 1)->text() == QStringLiteral("Nina Berg"));
    CHECK(table->item(row, 2)->text() == QStringLiteral("Technician"));
    CHECK(table->item(row, 3)->text() == QStringLiteral("active"));
    CHECK(child<QLabel>(panel, "addMessage")->text().contains(QStringLiteral("'nina'")));
    CHECK(child<QLineEdit>(panel, "newPassword")->text().isEmpty());
    // The account is real: the new person can sign in.
    CHECK(w.context().auth().signIn(QStringLiteral("nina"), QStringLiteral("a long enough passphrase")).ok());
    test::saveShot(panel, QStringLiteral("users"));
}

TEST_CASE("a weak password shows the password rule and keeps what was typed", "[ui][admin]")
{
    AdminWorld w;
    ui::UsersPanel panel(w.context(), w.admin);
    const int before = child<QTableWidget>(panel, "usersTable")->rowCount();
    CHECK(child<QLabel>(panel, "passwordRule")->text().contains(QStringLiteral("at least 10")));

    child<QLineEdit>(panel, "newUserName")->setText(QStringLiteral("nina"));
    child<QLineEdit>(panel, "newPassword")->setText(QStringLiteral("short"));
    child<QLineEdit>(panel, "repeatPassword")->setText(QStringLiteral("short"));
    child<QPushButton>(panel, "addUserButton")->click();
    auto* message = child<QLabel>(panel, "addMessage");
    CHECK(message->isVisibleTo(&panel));
    // The service's own message, verbatim: it names the field and the rule.
    CHECK(message->text().contains(QStringLiteral("password: a password needs at least 10 characters")));
    CHECK(child<QLineEdit>(panel, "newUserName")->text() == QStringLiteral("nina"));
    CHECK(child<QLineEdit>(panel, "newPassword")->text() == QStringLiteral("short"));
    CHECK(child<QTableWidget>(panel, "usersTable")->rowCount() == before);

    // Two different passwords are caught before anything is sent.
    child<QLineEdit>(panel, "newPassword")->setText(QStringLiteral("a long enough passphrase"));
    child<QLineEdit>(panel, "repeatPassword")->setText(QStringLiteral("a long enough passphrasE"));
    child<QPushButton>(panel, "addUserButton")->click();
    CHECK(message->text().contains(QStringLiteral("not the same")));
    CHECK(child<QTableWidget>(panel, "usersTable")->rowCount() == before);
    showSized(panel);
    test::saveShot(panel, QStringLiteral("users-weak-password"));
}

TEST_CASE("account changes need a reason and deactivation asks first", "[ui][admin]")
{
    AdminWorld w;
    ui::UsersPanel panel(w.context(), w.admin);
    auto* table = child<QTableWidget>(panel, "usersTable");
    table->selectRow(rowOf(table, QStringLiteral("tom")));
    auto* message = child<QLabel>(panel, "changeMessage");

    auto* newRole = child<QComboBox>(panel, "changeRoleCombo");
    newRole->setCurrentIndex(newRole->findData(static_cast<int>(app::Role::Admin)));
    child<QPushButton>(panel, "setRoleButton")->click();
    CHECK(message->text().contains(QStringLiteral("reason:")));
    CHECK(table->item(rowOf(table, QStringLiteral("tom")), 2)->text() == QStringLiteral("Therapist"));

    child<QLineEdit>(panel, "changeReason")->setText(QStringLiteral("now runs the front desk"));
    child<QPushButton>(panel, "setRoleButton")->click();
    CHECK(table->item(rowOf(table, QStringLiteral("tom")), 2)->text() == QStringLiteral("Admin"));
    CHECK(child<QLineEdit>(panel, "changeReason")->text().isEmpty());

    // Deactivate: confirmation first; Cancel changes nothing, Deactivate does it.
    table->selectRow(rowOf(table, QStringLiteral("theo")));
    child<QLineEdit>(panel, "changeReason")->setText(QStringLiteral("left the clinic"));
    child<QPushButton>(panel, "deactivateButton")->click();
    auto* box = openBox(panel, "deactivateConfirm");
    REQUIRE(box != nullptr);
    box->button(QMessageBox::Cancel)->click();
    CHECK(openBox(panel, "deactivateConfirm") == nullptr);
    CHECK(table->item(rowOf(table, QStringLiteral("theo")), 3)->text() == QStringLiteral("active"));
    child<QPushButton>(panel, "deactivateButton")->click();
    box = openBox(panel, "deactivateConfirm");
    REQUIRE(box != nullptr);
    child<QPushButton>(*box, "confirmDeactivate")->click();
    CHECK(table->item(rowOf(table, QStringLiteral("theo")), 3)->text() == QStringLiteral("deactivated"));
    CHECK_FALSE(w.context().auth().signIn(QStringLiteral("theo"), QString::fromLatin1(AdminWorld::kPassword)).ok());

    // The service's own rule, verbatim: the last active admin cannot lose the role.
    table->selectRow(rowOf(table, QStringLiteral("tom")));
    child<QLineEdit>(panel, "changeReason")->setText(QStringLiteral("back to treating"));
    newRole->setCurrentIndex(newRole->findData(static_cast<int>(app::Role::Therapist)));
    child<QPushButton>(panel, "setRoleButton")->click();
    CHECK(table->item(rowOf(table, QStringLiteral("tom")), 2)->text() == QStringLiteral("Therapist"));
    table->selectRow(rowOf(table, QStringLiteral("admin")));
    CHECK(newRole->currentData().toInt() == static_cast<int>(app::Role::Admin)); // the selected account's role
    child<QPushButton>(panel, "setRoleButton")->click();
    CHECK(message->text().contains(QStringLiteral("already")));
    newRole->setCurrentIndex(newRole->findData(static_cast<int>(app::Role::Therapist)));
    child<QLineEdit>(panel, "changeReason")->setText(QStringLiteral("try to remove the last admin"));
    child<QPushButton>(panel, "setRoleButton")->click();
    CHECK(message->text().contains(QStringLiteral("last active admin")));
    CHECK(child<QLineEdit>(panel, "changeReason")->text() == QStringLiteral("try to remove the last admin"));
}

TEST_CASE("an export through the panel writes the file and its progress reaches the total", "[ui][admin][export]")
{
    TreatedWorld t;
    ui::ExportPanel panel(t.world.context(), t.world.admin);
    showSized(panel, 1000, 560);
    const QString out = t.world.path(QStringLiteral("sessions.json"));
    child<QRadioButton>(panel, "formatJson")->setChecked(true);
    child<QCheckBox>(panel, "exportEvents")->setChecked(true);
    child<QLineEdit>(panel, "exportPath")->setText(out);
    child<QPushButton>(panel, "exportButton")->click();
    CHECK(panel.isRunning());
    CHECK(child<QPushButton>(panel, "exportCancel")->isEnabled());
    CHECK_FALSE(child<QPushButton>(panel, "exportButton")->isEnabled());
    REQUIRE(test::waitUntil([&] { return !panel.isRunning(); }, std::chrono::milliseconds(20000)));

    INFO(child<QLabel>(panel, "exportMessage")->text().toStdString());
    REQUIRE(panel.lastSummary().has_value());
    CHECK(panel.lastSummary()->sessions == 2);
    CHECK(QFileInfo::exists(out));
    CHECK(QFileInfo(out).size() == panel.lastSummary()->bytes);
    auto* progress = child<QProgressBar>(panel, "exportProgress");
    CHECK(progress->maximum() == 2);
    CHECK(progress->value() == 2);
    CHECK(child<QLabel>(panel, "exportProgressLabel")->text() == QStringLiteral("2 of 2 sessions"));
    CHECK(child<QLabel>(panel, "exportMessage")->text().contains(QStringLiteral("exported 2 sessions")));
    QFile file(out);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    CHECK(json.contains("MRN-UI-A"));
    CHECK(json.contains("\"mrn\""));
    CHECK(json.contains("\"events\""));
    file.close();
    test::saveShot(panel, QStringLiteral("export"));

    // The same export for one patient, pseudonymised, replacing the file only after confirmation.
    child<QLineEdit>(panel, "exportPatient")->setText(t.mrnB);
    child<QCheckBox>(panel, "exportPseudonymise")->setChecked(true);
    child<QPushButton>(panel, "exportButton")->click();
    auto* box = openBox(panel, "overwriteConfirm");
    REQUIRE(box != nullptr);
    CHECK_FALSE(panel.isRunning());
    child<QPushButton>(*box, "confirmReplace")->click();
    CHECK(panel.isRunning());
    REQUIRE(test::waitUntil([&] { return !panel.isRunning(); }, std::chrono::milliseconds(20000)));
    REQUIRE(panel.lastSummary().has_value());
    CHECK(panel.lastSummary()->sessions == 1);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray one = file.readAll();
    CHECK_FALSE(one.contains("MRN-UI-B"));
    CHECK_FALSE(one.contains("Nakamura"));
    CHECK_FALSE(one.contains("\"mrn\""));
}

TEST_CASE("a cancelled export leaves no file", "[ui][admin][export]")
{
    TreatedWorld t;
    ui::ExportPanel panel(t.world.context(), t.world.admin);
    const QString out = t.world.path(QStringLiteral("cancelled.csv"));
    child<QLineEdit>(panel, "exportPath")->setText(out);
    child<QPushButton>(panel, "exportButton")->click();
    REQUIRE(panel.isRunning());
    child<QPushButton>(panel, "exportCancel")->click();
    REQUIRE(test::waitUntil([&] { return !panel.isRunning(); }, std::chrono::milliseconds(20000)));
    CHECK_FALSE(QFileInfo::exists(out));
    CHECK_FALSE(panel.lastSummary().has_value());
    CHECK(child<QLabel>(panel, "exportMessage")
              ->text()
              .contains(QStringLiteral("export cancelled; no file was written")));
    CHECK(child<QLabel>(panel, "exportProgressLabel")->text() == QStringLiteral("Cancelled"));
    CHECK(child<QPushButton>(panel, "exportButton")->isEnabled());
}

TEST_CASE("an export refused by the service shows its message verbatim", "[ui][admin][export]")
{
    AdminWorld w;
    ui::ExportPanel technician(w.context(), w.theo);
    const QString out = w.path(QStringLiteral("refused.csv"));
    child<QLineEdit>(technician, "exportPath")->setText(out);
    child<QPushButton>(technician, "exportButton")->click();
    REQUIRE(test::waitUntil([&] { return !technician.isRunning(); }, std::chrono::milliseconds(20000)));
    CHECK(child<QLabel>(technician, "exportMessage")
              ->text()
              .contains(QStringLiteral("theo (technician) is not allowed")));
    CHECK_FALSE(QFileInfo::exists(out));

    // A therapist exports only the sessions they ran: the therapist field is fixed to them.
    ui::ExportPanel therapist(w.context(), w.tess);
    auto* who = child<QLineEdit>(therapist, "exportTherapist");
    CHECK(who->text() == QStringLiteral("tess"));
    CHECK_FALSE(who->isEnabled());
}

// Regression: a backup whose store connection could not be opened was reported under the verification.
TEST_CASE(
    "a backup that cannot open the store says so under the backup, not under the verification", "[ui][admin][audit]")
{
    AdminWorld w;
    ui::AuditPanel panel(w.context(), w.admin);
    showSized(panel, 1000, 620);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        QFile::remove(w.path(QStringLiteral("galvani.sqlite") + QString::fromLatin1(suffix)));
    }
    child<QLineEdit>(panel, "backupPath")->setText(w.path(QStringLiteral("backup.sqlite")));
    child<QPushButton>(panel, "backupButton")->click();
    REQUIRE(test::waitUntil([&] { return !panel.isBusy(); }, std::chrono::milliseconds(20000)));
    QCoreApplication::processEvents();
    const QString backupText = child<QLabel>(panel, "backupMessage")->text();
    INFO(backupText.toStdString());
    CHECK(backupText.contains(QStringLiteral("the record store could not be opened")));
    CHECK_FALSE(child<QLabel>(panel, "verifyResult")->text().contains(QStringLiteral("could not be opened")));
}

TEST_CASE("verifying the audit trail in the panel shows OK with the row count", "[ui][admin][audit]")
{
    AdminWorld w;
    ui::AuditPanel panel(w.context(), w.admin);
    showSized(panel, 1000, 620);
    child<QPushButton>(panel, "verifyButton")->click();
    CHECK(panel.isBusy());
    REQUIRE(test::waitUntil([&] { return !panel.isBusy(); }, std::chrono::milliseconds(20000)));
    REQUIRE(panel.lastCheck().has_value());
    CHECK(panel.lastCheck()->ok);
    CHECK(panel.lastCheck()->rowsChecked > 0);
    const QString text = child<QLabel>(panel, "verifyResult")->text();
    CHECK(text.contains(QStringLiteral("OK (%1 rows)").arg(panel.lastCheck()->rowsChecked)));

    // Backup on the worker thread: a verified file appears.
    const QString backup = w.path(QStringLiteral("backup.sqlite"));
    child<QLineEdit>(panel, "backupPath")->setText(backup);
    child<QPushButton>(panel, "backupButton")->click();
    REQUIRE(test::waitUntil([&] { return !panel.isBusy(); }, std::chrono::milliseconds(20000)));
    INFO(child<QLabel>(panel, "backupMessage")->text().toStdString());
    CHECK(QFileInfo::exists(backup));
    CHECK(child<QLabel>(panel, "backupMessage")->text().contains(QStringLiteral("backup written")));

    // Restore asks first; Cancel leaves everything as it was.
    child<QLineEdit>(panel, "restorePath")->setText(backup);
    child<QPushButton>(panel, "restoreButton")->click();
    auto* box = openBox(panel, "restoreConfirm");
    REQUIRE(box != nullptr);
    CHECK(box->text().contains(QStringLiteral("sign in again")));
    box->button(QMessageBox::Cancel)->click();
    CHECK(openBox(panel, "restoreConfirm") == nullptr);
    CHECK_FALSE(child<QLabel>(panel, "restoreMessage")->isVisibleTo(&panel));
    test::saveShot(panel, QStringLiteral("audit"));
}

TEST_CASE("a restore confirmed in the audit panel replaces the store and asks everyone to sign in again",
    "[ui][admin][audit]")
{
    AdminWorld w;
    ui::AuditPanel panel(w.context(), w.admin);
    const QString backup = w.path(QStringLiteral("backup.sqlite"));
    REQUIRE(w.context().backups().backup(w.admin, backup).ok());
    // A patient added after the backup is gone once the backup is restored.
    w.addPatient(QStringLiteral("MRN-AFTER"), QStringLiteral("Lund"), {});
    REQUIRE(w.context().patients().findByMrn(w.tess, QStringLiteral("MRN-AFTER")).ok());

    std::optional<app::BackupSummary> restored;
    QObject::connect(
        &panel, &ui::AuditPanel::storeRestored, &panel, [&](const app::BackupSummary& summary) { restored = summary; });
    child<QLineEdit>(panel, "restorePath")->setText(backup);
    child<QPushButton>(panel, "restoreButton")->click();
    auto* box = openBox(panel, "restoreConfirm");
    REQUIRE(box != nullptr);
    child<QPushButton>(*box, "confirmRestore")->click();
    INFO(child<QLabel>(panel, "restoreMessage")->text().toStdString());
    REQUIRE(restored.has_value());
    CHECK_FALSE(w.context().patients().findByMrn(w.tess, QStringLiteral("MRN-AFTER")).ok());
}

TEST_CASE("the audit panel refuses a restore while a session is prepared", "[ui][admin][audit]")
{
    AdminWorld w;
    w.addPatient(QStringLiteral("MRN-UI-R"), QStringLiteral("Berg"), {1});
    ui::AuditPanel panel(w.context(), w.admin);
    // A backup to restore from.
    const QString backup = w.path(QStringLiteral("backup.sqlite"));
    REQUIRE(w.context().backups().backup(w.admin, backup).ok());

    std::optional<app::AppResult<app::SessionPlan>> prepared;
    QObject::connect(&w.context().sessions(), &app::SessionController::prepared, &panel,
        [&](const app::AppResult<app::SessionPlan>& r) { prepared = r; });
    app::SessionRequest request;
    request.user = w.tess;
    request.patientMrn = QStringLiteral("MRN-UI-R");
    request.deviceUrl = w.context().deviceUrl();
    request.presetId = QStringLiteral("conventional-tens");
    request.channels = {app::ChannelRequest{1, QStringLiteral("right-lumbar-erector-spinae"), 5'000, std::nullopt}};
    request.durationS = 5;
    REQUIRE(w.context().sessions().prepare(request).ok());
    REQUIRE(test::waitUntil([&] { return prepared.has_value(); }, std::chrono::milliseconds(15000)));
    REQUIRE(prepared->ok());

    child<QLineEdit>(panel, "restorePath")->setText(backup);
    child<QPushButton>(panel, "restoreButton")->click();
    auto* box = openBox(panel, "restoreConfirm");
    REQUIRE(box != nullptr);
    child<QPushButton>(*box, "confirmRestore")->click();
    CHECK(child<QLabel>(panel, "restoreMessage")->text().contains(QStringLiteral("while a session is prepared")));
    w.context().sessions().stop(QStringLiteral("test over"));
}

TEST_CASE("the history panel filtered by patient shows that patient's sessions in full", "[ui][admin][history]")
{
    TreatedWorld t;
    ui::HistoryPanel panel(t.world.context(), t.world.tom);
    showSized(panel, 1200, 820);
    auto* results = child<QTableWidget>(panel, "historyResults");
    CHECK(results->rowCount() == 2);

    panel.setPatientFilter(t.mrnA);
    REQUIRE(results->rowCount() == 1);
    for (const QString& cell : column(results, 1)) {
        CHECK(cell.startsWith(t.mrnA));
    }
    CHECK(child<QLineEdit>(panel, "historyPatientFilter")->text() == t.mrnA);
    // The newest row is selected and shown in full.
    REQUIRE(panel.currentDetail().has_value());
    CHECK(panel.currentDetail()->session.id == t.sessionA);
    auto* channels = child<QTableWidget>(panel, "detailChannels");
    REQUIRE(channels->rowCount() == 2);
    CHECK(column(channels, 0) == QStringList{QStringLiteral("1"), QStringLiteral("2")});
    CHECK(channels->item(0, 2)->text().startsWith(QStringLiteral("right lumbar erector spinae")));
    CHECK(channels->item(0, 3)->text() == QStringLiteral("7.0 mA")); // AdminWorld's target: 6 mA + 1 mA × channel
    CHECK(channels->item(1, 3)->text() == QStringLiteral("8.0 mA"));
    CHECK(channels->item(0, 5)->text() == QStringLiteral("none on record"));
    const QString outcome = child<QLabel>(panel, "detailOutcome")->text();
    CHECK(outcome.contains(QStringLiteral("before: 6")));
    CHECK(outcome.contains(QStringLiteral("after: 3")));
    CHECK(outcome.contains(QStringLiteral("felt looser")));
    CHECK(child<QLabel>(panel, "detailSummary")->text().contains(QStringLiteral("before 6, after 3")));
    auto* events = child<QTableWidget>(panel, "detailEvents");
    REQUIRE(events->rowCount() >= 2);
    CHECK(events->item(0, 3)->text() == QStringLiteral("Start"));
    CHECK(events->item(events->rowCount() - 1, 3)->text() == QStringLiteral("End"));
    CHECK_FALSE(child<ui::SessionChart>(panel, "detailChart")->isEmptyStateShown());
    auto* tabs = child<QTabWidget>(panel, "detailTabs");
    for (const auto& [index, name] : {std::pair{0, "history-channels"}, std::pair{1, "history"},
             std::pair{2, "history-events"}, std::pair{3, "history-outcome"}}) {
        tabs->setCurrentIndex(index);
        test::saveShot(panel, QString::fromLatin1(name));
    }

    // The other patient: only their session, with no outcome on record.
    panel.setPatientFilter(t.mrnB);
    REQUIRE(results->rowCount() == 1);
    CHECK(results->item(0, 1)->text().startsWith(t.mrnB));
    CHECK(child<QLabel>(panel, "detailOutcome")->text().contains(QStringLiteral("No outcome")));
    // An unknown MRN: the service's message, and the typed filter kept.
    panel.setPatientFilter(QStringLiteral("NO-SUCH"));
    CHECK(results->rowCount() == 0);
    CHECK(child<QLabel>(panel, "historyMessage")
              ->text()
              .contains(QStringLiteral("patient MRN: no patient has that MRN")));
    CHECK(child<QLineEdit>(panel, "historyPatientFilter")->text() == QStringLiteral("NO-SUCH"));
}

TEST_CASE("history panels follow the grants: therapists and admins see every session, technicians none",
    "[ui][admin][history]")
{
    TreatedWorld t;
    // A therapist sees the sessions other therapists ran, with the patient named (CLINICAL §7 has no "own" limit
    // on history), and may filter by therapist.
    ui::HistoryPanel tom(t.world.context(), t.world.tom);
    auto* results = child<QTableWidget>(tom, "historyResults");
    REQUIRE(results->rowCount() == 2);
    CHECK(column(results, 2).filter(QStringLiteral("(tess)")).size() == 1);
    CHECK(column(results, 1).filter(t.mrnA).size() == 1);
    child<QLineEdit>(tom, "historyTherapistFilter")->setText(QStringLiteral("tess"));
    child<QPushButton>(tom, "historySearchButton")->click();
    REQUIRE(results->rowCount() == 1);
    CHECK(tom.currentPage().rows.first().id == t.sessionA);

    // Admins find every session too, with the patient's identity, but the outcome is withheld.
    ui::HistoryPanel admin(t.world.context(), t.world.admin);
    auto* adminResults = child<QTableWidget>(admin, "historyResults");
    REQUIRE(adminResults->rowCount() == 2);
    CHECK(column(adminResults, 1).filter(t.mrnA).size() == 1);
    admin.setPatientFilter(t.mrnA);
    REQUIRE(adminResults->rowCount() == 1);
    REQUIRE(admin.currentDetail().has_value()); // the newest row is selected
    CHECK(admin.currentDetail()->session.id == t.sessionA);
    CHECK(admin.currentDetail()->outcomesWithheld);
    CHECK(admin.currentDetail()->outcomes.isEmpty());
    CHECK(child<QLabel>(admin, "detailOutcome")->text().contains(QStringLiteral("not shown to your role")));
    showSized(admin, 1000, 500);
    test::saveShot(admin, QStringLiteral("history-admin"));

    // Technicians hold no ViewSessionHistory grant: the panel says so and shows nothing.
    ui::HistoryPanel panel(t.world.context(), t.world.theo);
    CHECK(child<QTableWidget>(panel, "historyResults")->rowCount() == 0);
    CHECK_FALSE(child<QPushButton>(panel, "historySearchButton")->isEnabled());
    CHECK(child<QLabel>(panel, "historyMessage")->text().contains(QStringLiteral("open to therapists and admins")));
    CHECK_FALSE(panel.currentDetail().has_value());
    panel.setPatientFilter(t.mrnA);
    CHECK(child<QTableWidget>(panel, "historyResults")->rowCount() == 0);
    // Below the UI the service refuses them too.
    CHECK_FALSE(t.world.context().history().list(t.world.theo, {}).ok());
}

TEST_CASE("the policy panel changes the calibration-record policy with a reason", "[ui][admin][policy]")
{
    AdminWorld w;
    ui::PolicyPanel panel(w.context(), w.admin);
    showSized(panel, 900, 520);
    auto* require = child<QCheckBox>(panel, "requireCalibration");
    auto* apply = child<QPushButton>(panel, "policyApply");
    CHECK_FALSE(require->isChecked());
    CHECK_FALSE(apply->isEnabled());
    CHECK(child<QLabel>(panel, "policyCurrent")->text().startsWith(QStringLiteral("not required")));

    require->setChecked(true);
    REQUIRE(apply->isEnabled());
    apply->click();
    CHECK(child<QLabel>(panel, "policyMessage")->text().contains(QStringLiteral("reason:")));
    CHECK_FALSE(w.context().calibration().requiresCalibrationRecord(w.admin).value());

    child<QLineEdit>(panel, "policyReason")->setText(QStringLiteral("insurer requires calibrated channels"));
    apply->click();
    CHECK(w.context().calibration().requiresCalibrationRecord(w.admin).value());
    CHECK(child<QLabel>(panel, "policyCurrent")->text().startsWith(QStringLiteral("REQUIRED")));
    CHECK_FALSE(apply->isEnabled());
    // The clinic's presets, read only: a therapist's saved preset appears after a refresh.
    CHECK(child<QTableWidget>(panel, "clinicPresetList")->rowCount() == 0);
    app::ClinicPresetDraft draft;
    draft.name = QStringLiteral("Neck TENS");
    draft.basePresetId = QStringLiteral("conventional-tens");
    draft.values = {{QStringLiteral("pulse rate"), 90.0}};
    REQUIRE(w.context().clinicPresets().save(w.tess, QString(), draft, QStringLiteral("protocol")).ok());
    panel.refreshPresets();
    auto* presets = child<QTableWidget>(panel, "clinicPresetList");
    REQUIRE(presets->rowCount() == 1);
    CHECK(presets->item(0, 0)->text() == QStringLiteral("Neck TENS"));
    CHECK(presets->item(0, 1)->text() == QStringLiteral("Conventional TENS"));
    CHECK(presets->item(0, 2)->text() == QStringLiteral("pulse rate 90"));
    test::saveShot(panel, QStringLiteral("policy"));

    // A therapist may read the policy but not change it: the service's refusal, verbatim.
    ui::PolicyPanel therapist(w.context(), w.tess);
    auto* theirs = child<QCheckBox>(therapist, "requireCalibration");
    CHECK(theirs->isChecked());
    theirs->setChecked(false);
    child<QLineEdit>(therapist, "policyReason")->setText(QStringLiteral("try"));
    child<QPushButton>(therapist, "policyApply")->click();
    CHECK(
        child<QLabel>(therapist, "policyMessage")->text().contains(QStringLiteral("tess (therapist) is not allowed")));
    CHECK(w.context().calibration().requiresCalibrationRecord(w.admin).value());
}

TEST_CASE("the policy panel sets the clinic's limits with a reason, within the allowed ranges",
    "[ui][admin][policy][clinic-limits]")
{
    AdminWorld w;
    ui::PolicyPanel panel(w.context(), w.admin);
    showSized(panel, 900, 760);
    auto* apply = child<QPushButton>(panel, "clinicLimitsApply");
    auto* amplitude = child<QDoubleSpinBox>(panel, "limitAmplitudeMa");
    auto* minutes = child<QSpinBox>(panel, "limitSessionMinutesValue");
    CHECK(child<QLabel>(panel, "clinicLimitsCurrent")->text() == QStringLiteral("none"));
    CHECK_FALSE(apply->isEnabled());
    CHECK_FALSE(amplitude->isEnabled()); // usable only while its limit is ticked
    // The editors cannot leave the standard's ranges.
    CHECK(amplitude->minimum() == 1.0);
    CHECK(amplitude->maximum() == 100.0);
    CHECK(minutes->maximum() == 99);

    child<QCheckBox>(panel, "limitAmplitude")->setChecked(true);
    CHECK(amplitude->isEnabled());
    amplitude->setValue(35.5);
    child<QCheckBox>(panel, "limitSessionMinutes")->setChecked(true);
    minutes->setValue(30);
    REQUIRE(apply->isEnabled());
    apply->click(); // no reason yet
    CHECK(child<QLabel>(panel, "clinicLimitsMessage")->text().contains(QStringLiteral("reason:")));
    CHECK(*w.context().clinicLimits().limits(w.admin) == app::ClinicLimits{});

    child<QLineEdit>(panel, "clinicLimitsReason")->setText(QStringLiteral("clinic board, December"));
    apply->click();
    app::ClinicLimits expected;
    expected.amplitudeMaxUa = 35'500;
    expected.sessionMinutesMax = 30;
    CHECK(*w.context().clinicLimits().limits(w.admin) == expected);
    CHECK(child<QLabel>(panel, "clinicLimitsCurrent")->text() == QStringLiteral("at most 35.5 mA, 30 min per session"));
    CHECK_FALSE(apply->isEnabled());
    test::saveShot(panel, QStringLiteral("policy-clinic-limits"));

    // A therapist sees the limits in force but cannot change them: the service's refusal, verbatim.
    ui::PolicyPanel therapist(w.context(), w.tess);
    CHECK(child<QLabel>(therapist, "clinicLimitsCurrent")->text()
        == QStringLiteral("at most 35.5 mA, 30 min per session"));
    child<QCheckBox>(therapist, "limitAmplitude")->setChecked(false);
    child<QLineEdit>(therapist, "clinicLimitsReason")->setText(QStringLiteral("try"));
    child<QPushButton>(therapist, "clinicLimitsApply")->click();
    CHECK(child<QLabel>(therapist, "clinicLimitsMessage")
              ->text()
              .contains(QStringLiteral("tess (therapist) is not allowed")));
    CHECK(*w.context().clinicLimits().limits(w.admin) == expected);
}
