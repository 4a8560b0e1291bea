// SPDX-License-Identifier: GPL-3.0-or-later
// The admin panels driven like a user would: typing into fields and clicking buttons on a real AppContext with the
// in-process simulator and a temporary SQLite store. Users, export and audit here; history and policy in
// AdminHistoryPolicyTests.cpp.
#include "AdminPanelsSupport.h"

#include "app/services/AuthService.h"
#include "app/services/BackupService.h"
#include "app/services/PatientService.h"
#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/admin/AuditPanel.h"
#include "ui/admin/ExportPanel.h"
#include "ui/admin/UsersPanel.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>

#include <chrono>

using namespace galvani;
using test::AdminWorld;
using test::child;
using test::showSized;
using test::TreatedWorld;

namespace {

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
