// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "app/services/ScreeningAnswersFile.h"
#include "app/services/ScreeningService.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <functional>

using namespace galvani;
using test::ServiceStore;

namespace {

app::ScreeningAnswerInput& answer(app::ScreeningInput& in, const QString& id)
{
    for (auto& a : in.answers) {
        if (a.itemId == id) {
            return a;
        }
    }
    FAIL("no checklist item " << id.toStdString());
    return in.answers.first();
}

QByteArray answersJson(const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject root = QJsonDocument::fromJson(app::ScreeningAnswersFile::noneApplyTemplate()).object();
    edit(root);
    return QJsonDocument(root).toJson();
}

} // namespace

TEST_CASE("a screening's outcome and reason follow the answers", "[app][screening]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-S");
    test::addPatient(s, therapist, mrn);
    app::ScreeningService screenings(s.store());

    const auto never = screenings.latest(therapist, mrn);
    REQUIRE_FALSE(never.ok());
    CHECK(never.error().kind == app::AppError::Kind::NotFound);

    const auto clear = screenings.record(therapist, mrn, app::ScreeningInput::noneApply());
    REQUIRE(clear.ok());
    CHECK(clear->outcome == app::ScreeningOutcome::Clear);
    CHECK(clear->permitsTreatment);
    CHECK(clear->reason.contains(QStringLiteral("no contraindication")));

    app::ScreeningInput precaution = app::ScreeningInput::noneApply();
    answer(precaution, QStringLiteral("heart_disease")).answer = app::ScreeningAnswer::Yes;
    const auto unacknowledged = screenings.record(therapist, mrn, precaution);
    REQUIRE(unacknowledged.ok());
    CHECK(unacknowledged->outcome == app::ScreeningOutcome::Blocked);
    CHECK(unacknowledged->reason.contains(QStringLiteral("heart_disease (applies but is not acknowledged)")));
    CHECK_FALSE(unacknowledged->permitsTreatment);

    answer(precaution, QStringLiteral("heart_disease")).acknowledged = true;
    answer(precaution, QStringLiteral("first_treatment")).answer = app::ScreeningAnswer::Unknown;
    answer(precaution, QStringLiteral("first_treatment")).acknowledged = true;
    const auto acknowledged = screenings.record(therapist, mrn, precaution);
    REQUIRE(acknowledged.ok());
    CHECK(acknowledged->outcome == app::ScreeningOutcome::PrecautionsAcknowledged);
    CHECK(acknowledged->reason == QStringLiteral("precautions acknowledged: heart_disease, first_treatment"));
    CHECK(acknowledged->itemsThatApply
        == QStringList{QStringLiteral("heart_disease"), QStringLiteral("first_treatment")});

    app::ScreeningInput implant = app::ScreeningInput::noneApply();
    answer(implant, QStringLiteral("implanted_device")).answer = app::ScreeningAnswer::Yes;
    answer(implant, QStringLiteral("implanted_device")).acknowledged = true;
    const auto uncleared = screenings.record(therapist, mrn, implant);
    REQUIRE(uncleared.ok());
    CHECK(uncleared->outcome == app::ScreeningOutcome::Blocked);
    CHECK(uncleared->reason.contains(QStringLiteral("specialist clearance")));
    implant.clearanceReason = QStringLiteral("cardiologist: pacemaker MRI-safe, cleared for lumbar pads");
    const auto cleared = screenings.record(therapist, mrn, implant);
    REQUIRE(cleared.ok());
    CHECK(cleared->outcome == app::ScreeningOutcome::PrecautionsAcknowledged);
    CHECK(cleared->reason.contains(QStringLiteral("cleared by a specialist")));

    app::ScreeningInput neck = app::ScreeningInput::noneApply();
    answer(neck, QStringLiteral("site_anterior_neck")).answer = app::ScreeningAnswer::Yes;
    answer(neck, QStringLiteral("site_anterior_neck")).acknowledged = true;
    neck.clearanceReason = QStringLiteral("no clearance can lift this");
    const auto forbidden = screenings.record(therapist, mrn, neck);
    REQUIRE(forbidden.ok());
    CHECK(forbidden->outcome == app::ScreeningOutcome::Blocked);
    CHECK(forbidden->reason.contains(QStringLiteral("forbidden site")));

    // The latest screening is the one in force, and it expires after its validity.
    const auto latest = screenings.latest(therapist, mrn);
    REQUIRE(latest.ok());
    CHECK(latest->id == forbidden->id);
    REQUIRE(screenings.record(therapist, mrn, app::ScreeningInput::noneApply()).ok());
    s.clock.advance(std::chrono::hours(24 * app::ScreeningInput::kDefaultValidDays + 1));
    const auto expired = screenings.latest(therapist, mrn);
    REQUIRE(expired.ok());
    CHECK(expired->expired);
    CHECK_FALSE(expired->permitsTreatment);
    CHECK(expired->reason.contains(QStringLiteral("expired")));
}

// Regression: record() took "now" for its answer before the store stamped the screening, so when the clock moved
// on between the two reads the screening it returned was screened "in the future" and did not permit treatment.
TEST_CASE("a screening just recorded permits treatment even when the clock moves during the write", "[app][screening]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-TICK");
    test::addPatient(s, therapist, mrn);
    app::ScreeningService screenings(s.store());
    s.clock.setStepPerUtcRead(std::chrono::milliseconds(1));
    const auto recorded = screenings.record(therapist, mrn, app::ScreeningInput::noneApply());
    s.clock.setStepPerUtcRead(std::chrono::nanoseconds(0));
    REQUIRE(recorded.ok());
    CHECK(recorded->outcome == app::ScreeningOutcome::Clear);
    CHECK_FALSE(recorded->expired);
    CHECK(recorded->permitsTreatment);
    const auto latest = screenings.latest(therapist, mrn);
    REQUIRE(latest.ok());
    CHECK(latest->permitsTreatment);
}

TEST_CASE("screenings with unknown or missing items or bad validity are refused", "[app][screening]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-S");
    test::addPatient(s, therapist, mrn);
    app::ScreeningService screenings(s.store());
    app::ScreeningInput in = app::ScreeningInput::noneApply();
    in.answers.removeLast();
    const auto incomplete = screenings.record(therapist, mrn, in);
    REQUIRE_FALSE(incomplete.ok());
    CHECK(incomplete.error().message.contains(QStringLiteral("not answered")));
    in = app::ScreeningInput::noneApply();
    in.answers.append(app::ScreeningAnswerInput{QStringLiteral("made_up"), app::ScreeningAnswer::No, false, {}});
    const auto unknown = screenings.record(therapist, mrn, in);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.contains(QStringLiteral("made_up")));
    in = app::ScreeningInput::noneApply();
    in.validDays = 0;
    const auto noDays = screenings.record(therapist, mrn, in);
    REQUIRE_FALSE(noDays.ok());
    CHECK(noDays.error().message.contains(QStringLiteral("valid days")));
    CHECK(noDays.error().message.contains(QStringLiteral("365")));
    const auto noPatient = screenings.record(therapist, QStringLiteral("MRN-404"), app::ScreeningInput::noneApply());
    REQUIRE_FALSE(noPatient.ok());
    CHECK(noPatient.error().kind == app::AppError::Kind::NotFound);
}

TEST_CASE("the screening answers file is parsed strictly", "[app][screening]")
{
    const auto none = app::ScreeningAnswersFile::parse(app::ScreeningAnswersFile::noneApplyTemplate());
    REQUIRE(none.ok());
    CHECK(none->answers.size() == app::ScreeningService::checklist().size());
    CHECK(none->validDays == app::ScreeningInput::kDefaultValidDays);

    const auto precaution = app::ScreeningAnswersFile::parse(answersJson([](QJsonObject& root) {
        QJsonObject answers = root.value(QStringLiteral("answers")).toObject();
        answers.insert(QStringLiteral("recent_surgery"), true);
        answers.insert(QStringLiteral("epilepsy"), QStringLiteral("unknown"));
        root.insert(QStringLiteral("answers"), answers);
        root.insert(QStringLiteral("acknowledged"), QJsonArray{QStringLiteral("recent_surgery")});
        root.insert(
            QStringLiteral("details"), QJsonObject{{QStringLiteral("recent_surgery"), QStringLiteral("L4 2025")}});
        root.insert(QStringLiteral("valid_days"), 30);
    }));
    REQUIRE(precaution.ok());
    CHECK(precaution->validDays == 30);
    int hits = 0;
    for (const auto& a : precaution->answers) {
        if (a.itemId == QStringLiteral("recent_surgery")) {
            CHECK(a.answer == app::ScreeningAnswer::Yes);
            CHECK(a.acknowledged);
            CHECK(a.detail == QStringLiteral("L4 2025"));
            ++hits;
        } else if (a.itemId == QStringLiteral("epilepsy")) {
            CHECK(a.answer == app::ScreeningAnswer::Unknown);
            CHECK_FALSE(a.acknowledged);
            ++hits;
        } else {
            CHECK(a.answer == app::ScreeningAnswer::No);
        }
    }
    CHECK(hits == 2);

    const struct {
        const char* what;
        std::function<void(QJsonObject&)> edit;
        const char* expected;
    } bad[] = {
        {"unknown key", [](QJsonObject& r) { r.insert(QStringLiteral("answer"), true); }, "unknown key 'answer'"},
        {"missing item",
            [](QJsonObject& r) {
                QJsonObject a = r.value(QStringLiteral("answers")).toObject();
                a.remove(QStringLiteral("hernia"));
                r.insert(QStringLiteral("answers"), a);
            },
            "hernia"},
        {"unknown item",
            [](QJsonObject& r) {
                QJsonObject a = r.value(QStringLiteral("answers")).toObject();
                a.insert(QStringLiteral("pacemakr"), false);
                r.insert(QStringLiteral("answers"), a);
            },
            "'pacemakr' is not an item"},
        {"answer not boolean",
            [](QJsonObject& r) {
                QJsonObject a = r.value(QStringLiteral("answers")).toObject();
                a.insert(QStringLiteral("hernia"), QStringLiteral("no"));
                r.insert(QStringLiteral("answers"), a);
            },
            "\"hernia\" must be true, false or \"unknown\""},
        {"acknowledging what does not apply",
            [](QJsonObject& r) { r.insert(QStringLiteral("acknowledged"), QJsonArray{QStringLiteral("hernia")}); },
            "'hernia' is answered false"},
        {"valid days zero", [](QJsonObject& r) { r.insert(QStringLiteral("valid_days"), 0); }, "valid_days"},
        {"valid days fraction", [](QJsonObject& r) { r.insert(QStringLiteral("valid_days"), 1.5); }, "whole number"},
        {"valid days huge", [](QJsonObject& r) { r.insert(QStringLiteral("valid_days"), 1e30); }, "1 to 365"},
        {"notes not text", [](QJsonObject& r) { r.insert(QStringLiteral("notes"), 5); }, "\"notes\" must be text"},
    };
    for (const auto& b : bad) {
        INFO(b.what);
        const auto r = app::ScreeningAnswersFile::parse(answersJson(b.edit));
        REQUIRE_FALSE(r.ok());
        INFO(r.error().message.toStdString());
        CHECK(r.error().kind == app::AppError::Kind::Invalid);
        CHECK(r.error().message.contains(QString::fromUtf8(b.expected)));
    }
    CHECK_FALSE(app::ScreeningAnswersFile::parse("{ not json").ok());
    CHECK_FALSE(app::ScreeningAnswersFile::parse("[]").ok());
    const auto tooBig = app::ScreeningAnswersFile::parse(QByteArray(app::ScreeningAnswersFile::kMaxBytes + 1, ' '));
    REQUIRE_FALSE(tooBig.ok());
    CHECK(tooBig.error().message.contains(QString::number(app::ScreeningAnswersFile::kMaxBytes)));
}
