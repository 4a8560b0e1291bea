// SPDX-License-Identifier: GPL-3.0-or-later
// The admin panels' presenters for accounts and clinic settings (users, calibration policy and clinic presets,
// clinic limits) on a real AppContext, without widgets: what each lists and words, which actions apply, and that
// every change reaches the store through its service (or is refused: the service's message verbatim, nothing
// changed).
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/AuthService.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/UserService.h"
#include "support/WaitUntil.h"
#include "ui/presenters/CalibrationPolicyPresenter.h"
#include "ui/presenters/ClinicLimitsPresenter.h"
#include "ui/presenters/UsersPresenter.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDate>
#include <QSignalSpy>

#include <chrono>

#include <optional>

using namespace galvani;
using galvani::test::AdminWorld;
using ui::presenters::FeedbackKind;
using ui::presenters::UsersPresenter;

namespace {

std::optional<app::UserSummary> stored(AdminWorld& w, const QString& name)
{
    const auto listed = w.context().users().list(w.admin);
    REQUIRE(listed.ok());
    for (const auto& u : *listed) {
        if (u.username == name) {
            return u;
        }
    }
    return std::nullopt;
}

int storedCount(AdminWorld& w)
{
    const auto listed = w.context().users().list(w.admin);
    REQUIRE(listed.ok());
    return static_cast<int>(listed->size());
}

} // namespace

TEST_CASE("users presenter: the accounts as rows, the selection kept across a re-read, what applies to it")
{
    AdminWorld w;
    UsersPresenter p(w.context().users(), w.admin);
    QSignalSpy listed(&p, &UsersPresenter::usersChanged);
    p.refresh();
    CHECK(listed.count() == 1);
    CHECK(p.listError().isEmpty());
    REQUIRE(p.users().size() == 4);
    CHECK(UsersPresenter::columnTitles().size() == 4);
    int tessRow = -1;
    for (int row = 0; row < p.users().size(); ++row) {
        if (p.users().at(row).username == QStringLiteral("tess")) {
            tessRow = row;
        }
    }
    REQUIRE(tessRow >= 0);
    const QStringList cells = p.rowText(tessRow);
    REQUIRE(cells.size() == 4);
    CHECK(cells.at(0) == QStringLiteral("tess"));
    CHECK(cells.at(2) == QStringLiteral("Therapist"));
    CHECK(cells.at(3) == QStringLiteral("active"));
    CHECK(p.rowText(99).isEmpty());

    // Nothing selected: nothing applies, and the hint says what to do.
    CHECK_FALSE(p.canUnlock());
    CHECK_FALSE(p.canDeactivate());
    CHECK_FALSE(p.canChangeRole());
    CHECK(p.selectedDescription().startsWith(QStringLiteral("No account selected")));

    QSignalSpy selection(&p, &UsersPresenter::selectionChanged);
    p.select(QStringLiteral("tess"));
    CHECK(selection.count() == 1);
    CHECK(p.selectedDescription() == QStringLiteral("tess (Therapist, active)"));
    CHECK_FALSE(p.canUnlock()); // not locked
    CHECK(p.canDeactivate());
    CHECK(p.canChangeRole());
    p.refresh();
    CHECK(p.selected() == QStringLiteral("tess"));

    // A name no longer listed is no selection.
    p.select(QStringLiteral("nobody"));
    CHECK_FALSE(p.selectedAccount());
    CHECK_FALSE(p.canChangeRole());
    p.refresh();
    CHECK(p.selected().isEmpty());
}

TEST_CASE("users presenter: adding an account checks the repeated password, passes the service's refusal on "
          "and selects the new account")
{
    AdminWorld w;
    UsersPresenter p(w.context().users(), w.admin);
    p.refresh();
    const int before = storedCount(w);

    UsersPresenter::NewAccount a;
    a.name = QStringLiteral("nina");
    a.displayName = QStringLiteral("  Nina Berg  ");
    a.role = app::Role::Technician;
    a.password = QStringLiteral("a long enough passphrase");
    a.repeat = QStringLiteral("a long enough passphrasE");
    auto result = p.addAccount(a);
    CHECK(result.isError());
    CHECK(result.focus == UsersPresenter::Field::Repeat);
    CHECK(result.text.startsWith(QStringLiteral("repeat password:")));
    CHECK(storedCount(w) == before);

    a.password = QStringLiteral("short");
    a.repeat = a.password;
    result = p.addAccount(a);
    CHECK(result.isError());
    CHECK(result.focus == UsersPresenter::Field::Password);
    // The service's own words, not the presenter's.
    app::NewUserInput direct;
    direct.name = a.name;
    direct.role = a.role;
    direct.password = a.password;
    const auto refused = w.context().users().add(w.admin, direct);
    REQUIRE_FALSE(refused.ok());
    CHECK(result.text == refused.error().message);
    CHECK(storedCount(w) == before);

    a.password = QStringLiteral("a long enough passphrase");
    a.repeat = a.password;
    result = p.addAccount(a);
    CHECK(result.kind == FeedbackKind::Success);
    CHECK(result.text == QStringLiteral("account 'nina' (technician) added."));
    CHECK(storedCount(w) == before + 1);
    CHECK(p.selected() == QStringLiteral("nina"));
    CHECK(p.users().size() == before + 1);
    const auto nina = stored(w, QStringLiteral("nina"));
    REQUIRE(nina);
    CHECK(nina->displayName == QStringLiteral("Nina Berg"));
    CHECK(nina->role == app::Role::Technician);
}

TEST_CASE("users presenter: role change, unlock and deactivation need a reason and reach the store")
{
    AdminWorld w;
    UsersPresenter p(w.context().users(), w.admin);
    p.refresh();
    p.select(QStringLiteral("tom"));

    auto result = p.changeRole(app::Role::Therapist, QStringLiteral("why not"));
    CHECK(result.isError());
    CHECK(result.focus == UsersPresenter::Field::NewRole);
    CHECK(result.text == QStringLiteral("new role: 'tom' already has the role therapist; choose another one"));

    result = p.changeRole(app::Role::Technician, QStringLiteral("   "));
    CHECK(result.isError());
    CHECK(result.focus == UsersPresenter::Field::Reason);
    CHECK(result.text.startsWith(QStringLiteral("reason: ")));
    CHECK(stored(w, QStringLiteral("tom"))->role == app::Role::Therapist);

    result = p.changeRole(app::Role::Technician, QStringLiteral("moves to the workshop"));
    CHECK(result.kind == FeedbackKind::Success);
    CHECK(result.text == QStringLiteral("'tom' is now technician; the new role applies from their next sign-in."));
    CHECK(stored(w, QStringLiteral("tom"))->role == app::Role::Technician);
    CHECK(p.selectedDescription() == QStringLiteral("tom (Technician, active)"));

    // Five failed sign-ins lock an account; then, and only then, unlocking applies.
    for (int i = 0; i < 5; ++i) {
        CHECK_FALSE(w.context().auth().signIn(QStringLiteral("tess"), QStringLiteral("wrong password 123")).ok());
    }
    p.refresh();
    p.select(QStringLiteral("tess"));
    REQUIRE(p.canUnlock());
    CHECK(p.selectedDescription().contains(QStringLiteral("LOCKED")));
    CHECK(p.unlock(QString()).focus == UsersPresenter::Field::Reason);
    CHECK(stored(w, QStringLiteral("tess"))->locked);
    result = p.unlock(QStringLiteral("called the front desk"));
    CHECK(result.kind == FeedbackKind::Success);
    CHECK_FALSE(stored(w, QStringLiteral("tess"))->locked);
    CHECK_FALSE(p.canUnlock());

    // Deactivation: checked before the panel asks for confirmation, done after it.
    CHECK(p.checkDeactivate(QString()).isError());
    CHECK(p.checkDeactivate(QStringLiteral("left the clinic")).kind == FeedbackKind::None);
    result = p.deactivate(QStringLiteral("tess"), QStringLiteral("left the clinic"));
    CHECK(result.text == QStringLiteral("account 'tess' deactivated."));
    CHECK_FALSE(stored(w, QStringLiteral("tess"))->active);
    CHECK(p.selectedDescription() == QStringLiteral("tess (Therapist, deactivated)"));
    CHECK_FALSE(p.canDeactivate());

    // The last active admin stays: the service refuses and its message comes back verbatim.
    p.select(QStringLiteral("admin"));
    result = p.deactivate(QStringLiteral("admin"), QStringLiteral("testing"));
    CHECK(result.isError());
    const auto direct = w.context().users().deactivate(w.admin, QStringLiteral("admin"), QStringLiteral("testing"));
    REQUIRE_FALSE(direct.ok());
    CHECK(result.text == direct.error().message);
    CHECK(stored(w, QStringLiteral("admin"))->active);
}

TEST_CASE("users presenter: a role without the grant sees the service's refusal and no accounts")
{
    AdminWorld w;
    UsersPresenter p(w.context().users(), w.tess);
    p.refresh();
    CHECK(p.users().isEmpty());
    const auto direct = w.context().users().list(w.tess);
    REQUIRE_FALSE(direct.ok());
    CHECK(p.listError() == direct.error().message);
    CHECK_FALSE(p.listError().isEmpty());
}

TEST_CASE("calibration policy presenter: reads, compares and applies the policy with a reason")
{
    AdminWorld w;
    ui::presenters::CalibrationPolicyPresenter p(w.context().calibration(), w.context().clinicPresets(), w.admin);
    QSignalSpy changed(&p, &ui::presenters::CalibrationPolicyPresenter::policyChanged);
    REQUIRE(p.refresh() == std::optional<bool>(false));
    CHECK(changed.count() == 1);
    CHECK(p.currentText().startsWith(QStringLiteral("not required")));
    CHECK_FALSE(p.canApply(false));
    CHECK(p.canApply(true));
    CHECK(p.apply(false, QStringLiteral("nothing to do")).kind == FeedbackKind::None);

    auto result = p.apply(true, QStringLiteral(" "));
    CHECK(result.isError());
    CHECK(result.text
        == QStringLiteral("reason: type why the clinic changes this policy (1–1000 characters); it is kept in the "
                          "audit trail"));
    CHECK_FALSE(w.context().calibration().requiresCalibrationRecord(w.admin).value());

    result = p.apply(true, QStringLiteral("insurer requires calibrated channels"));
    CHECK(result.kind == FeedbackKind::Success);
    CHECK(w.context().calibration().requiresCalibrationRecord(w.admin).value());
    CHECK(p.required() == std::optional<bool>(true));
    CHECK(p.currentText().startsWith(QStringLiteral("REQUIRED")));
    CHECK_FALSE(p.canApply(true));
}

TEST_CASE("calibration policy presenter: the clinic presets as rows, or a note that there are none")
{
    AdminWorld w;
    ui::presenters::CalibrationPolicyPresenter p(w.context().calibration(), w.context().clinicPresets(), w.admin);
    p.refreshPresets();
    CHECK(p.presetRows().isEmpty());
    CHECK(p.presetsFeedback().kind == FeedbackKind::Info);
    CHECK(p.presetsFeedback().text.startsWith(QStringLiteral("No clinic presets yet")));

    app::ClinicPresetDraft draft;
    draft.name = QStringLiteral("Neck TENS");
    draft.basePresetId = QStringLiteral("conventional-tens");
    draft.values = {{QStringLiteral("pulse rate"), 90.0}};
    REQUIRE(w.context().clinicPresets().save(w.tess, QString(), draft, QStringLiteral("protocol")).ok());
    p.refreshPresets();
    REQUIRE(p.presetRows().size() == 1);
    const QStringList row = p.presetRows().first();
    REQUIRE(row.size() == ui::presenters::CalibrationPolicyPresenter::presetColumnTitles().size());
    CHECK(row.at(0) == QStringLiteral("Neck TENS"));
    CHECK(row.at(1) == QStringLiteral("Conventional TENS"));
    CHECK(row.at(2) == QStringLiteral("pulse rate 90"));
    CHECK(row.at(4) == QStringLiteral("1"));
    CHECK(p.presetsFeedback().text == QStringLiteral("1 clinic preset(s)."));
}

TEST_CASE("clinic limits presenter: applies changed limits with a reason, refuses an out-of-range value "
          "verbatim and changes nothing")
{
    AdminWorld w;
    ui::presenters::ClinicLimitsPresenter p(w.context().clinicLimits(), w.admin);
    const auto read = p.refresh();
    REQUIRE(read);
    CHECK(p.currentText() == app::ClinicLimitsService::describe(*read));
    CHECK_FALSE(p.canApply(*read));
    CHECK(p.apply(*read, QStringLiteral("same")).kind == FeedbackKind::None);

    app::ClinicLimits wanted = *read;
    wanted.amplitudeMaxUa = 40'000;
    wanted.sessionMinutesMax = 30;
    CHECK(p.canApply(wanted));
    auto result = p.apply(wanted, QString());
    CHECK(result.focus == ui::presenters::ClinicLimitsPresenter::Field::Reason);
    CHECK(result.text.startsWith(QStringLiteral("reason: type why the clinic changes its limits")));
    CHECK(w.context().clinicLimits().limits(w.admin).value() == *read);

    result = p.apply(wanted, QStringLiteral("clinic protocol 2026"));
    CHECK(result.kind == FeedbackKind::Success);
    CHECK(result.text == QStringLiteral("clinic limits in force: %1.").arg(app::ClinicLimitsService::describe(wanted)));
    CHECK(w.context().clinicLimits().limits(w.admin).value() == wanted);
    CHECK(p.current() == std::optional<app::ClinicLimits>(wanted));
    CHECK_FALSE(p.canApply(wanted));

    app::ClinicLimits tooHigh = wanted;
    tooHigh.amplitudeMaxUa = app::kClinicAmplitudeMaxUa + 1000;
    result = p.apply(tooHigh, QStringLiteral("more"));
    CHECK(result.isError());
    const auto direct = w.context().clinicLimits().setLimits(w.admin, tooHigh, QStringLiteral("more"));
    REQUIRE_FALSE(direct.ok());
    CHECK(result.text == direct.error().message);
    CHECK(w.context().clinicLimits().limits(w.admin).value() == wanted);

    // A therapist may read the limits but not change them: the service's refusal, verbatim.
    ui::presenters::ClinicLimitsPresenter therapist(w.context().clinicLimits(), w.tess);
    REQUIRE(therapist.refresh());
    app::ClinicLimits lower = wanted;
    lower.amplitudeMaxUa = 20'000;
    result = therapist.apply(lower, QStringLiteral("I prefer less"));
    CHECK(result.isError());
    CHECK(w.context().clinicLimits().limits(w.admin).value() == wanted);
}
