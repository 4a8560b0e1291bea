// SPDX-License-Identifier: GPL-3.0-or-later
// The setup page's presenter without widgets, on a real AppContext (temporary SQLite store, in-process simulated
// stimulators): the patient's channels and what is missing, presets listed against the stimulator a URL names,
// the choice and its limits (preset, device, clinic), what each controller state allows, the request the form
// describes, and the channels a refusal names. Also the preset and device-step helpers the treatment pages share.
// The widgets are driven through the same flows in tests/unit/ui/session.
#include "AdminWorld.h"

#include "app/services/ClinicLimitsService.h"
#include "app/services/PatientService.h"
#include "ui/presenters/DeviceStep.h"
#include "ui/presenters/PresetSummary.h"
#include "ui/presenters/SessionSetupPresenter.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace galvani;
using ui::presenters::SessionSetupPresenter;
using Listing = SessionSetupPresenter::Listing;

namespace {

const QString kSm4Url = QStringLiteral("sim:sciencemode4?channels=8");

int indexOf(const SessionSetupPresenter& p, const QString& id)
{
    const auto& entries = p.presets();
    const auto it = std::find_if(
        entries.begin(), entries.end(), [&](const SessionSetupPresenter::PresetEntry& e) { return e.id == id; });
    return it == entries.end() ? -1 : static_cast<int>(it - entries.begin());
}

} // namespace

TEST_CASE("Contraction presets have an on/off cycle, continuous ones none", "[presenters][session]")
{
    using namespace ui::presenters;
    CHECK_FALSE(contractionCycle(QStringLiteral("conventional-tens")).has_value());
    const auto cycle = contractionCycle(QStringLiteral("spinal-stabilisation"));
    REQUIRE(cycle.has_value());
    CHECK(cycle->periodMs() == 1'500 + 10'000 + 1'500 + 10'000);
    CHECK(phaseAt(*cycle, 0).text == QStringLiteral("Contraction: ramp up"));
    CHECK(phaseAt(*cycle, 2'000).text == QStringLiteral("Contraction: on"));
    CHECK(phaseAt(*cycle, 2'000).remainingMs == 9'500);
    CHECK(phaseAt(*cycle, 12'000).text == QStringLiteral("Contraction: ramp down"));
    CHECK(phaseAt(*cycle, 13'000).text == QStringLiteral("Rest"));
    CHECK(phaseAt(*cycle, 23'000 + 100).text == QStringLiteral("Contraction: ramp up"));
    CHECK_FALSE(programmeSummary(QStringLiteral("conventional-tens")).isEmpty());
    CHECK(programmeSummary(QStringLiteral("no-such-preset")).isEmpty());
    CHECK(presetAmplitudeMaxUa(QStringLiteral("conventional-tens")) == 100'000);
}

TEST_CASE("The amplitude step follows the protocol the device URL names", "[presenters][session]")
{
    using ui::presenters::amplitudeStepUa;
    CHECK(amplitudeStepUa(kSm4Url) == 500);
    CHECK(amplitudeStepUa(QStringLiteral("serial:/dev/ttyUSB0?protocol=sciencemode2")) == 1000);
    CHECK(amplitudeStepUa(QStringLiteral("serial:/dev/ttyUSB0?protocol=sciencemode3")) == 500);
    CHECK(amplitudeStepUa(QStringLiteral("sim:other")) == 100);
    CHECK(amplitudeStepUa(QString()) == 100);
}

TEST_CASE(
    "session setup presenter: the patient's channels, one per channel, or what is missing", "[presenters][session]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-S1"), QStringLiteral("Okafor"), {3, 1});
    SessionSetupPresenter p(w.context(), w.tess);

    // No patient: nothing can be prepared, and the form says where to choose one.
    CHECK(p.patient().isEmpty());
    CHECK(p.channels().isEmpty());
    CHECK(p.screening().isEmpty());
    CHECK(p.channelsMissing() == QStringLiteral("Choose a patient in the patient workspace first."));
    CHECK_FALSE(p.prepareAllowed());
    QString problem;
    CHECK_FALSE(p.request(SessionSetupPresenter::Form{}, &problem).has_value());
    CHECK(problem == QStringLiteral("patient: choose a patient in the patient workspace first"));

    p.loadPatient(QStringLiteral("MRN-S1"));
    CHECK(p.patient() == QStringLiteral("MRN-S1"));
    REQUIRE(p.channels().size() == 2);
    CHECK(p.channels()[0].channel == 1); // in channel order, whatever order they were recorded in
    CHECK(p.channels()[1].channel == 3);
    CHECK(p.channels()[0].siteId == QStringLiteral("right-lumbar-erector-spinae"));
    CHECK(p.channels()[0].placement.startsWith(QStringLiteral("5 × 9 cm pads, ")));
    CHECK(p.channelsMissing().isEmpty());
    CHECK_FALSE(p.screening().isEmpty());
    CHECK(p.prepareAllowed());

    // A patient without placements: no rows, and the request names the channels.
    app::NewPatientInput bare;
    bare.mrn = QStringLiteral("MRN-S2");
    bare.familyName = QStringLiteral("Lindqvist");
    bare.givenNames = QStringLiteral("Ada");
    bare.birthDate = QStringLiteral("1970-05-17");
    REQUIRE(w.context().patients().add(w.tess, bare).ok());
    p.loadPatient(QStringLiteral("MRN-S2"));
    CHECK(p.channels().isEmpty());
    CHECK(p.channelsMissing()
        == QStringLiteral("No current electrode placements for this patient: record them in the "
                          "patient workspace first."));
    CHECK_FALSE(p.prepareAllowed());
    SessionSetupPresenter::Form form;
    form.presetId = QStringLiteral("conventional-tens");
    CHECK_FALSE(p.request(form, &problem).has_value());
    CHECK(problem == QStringLiteral("channels: this patient has no current electrode placement; record one first"));
}

TEST_CASE("session setup presenter: presets listed against the stimulator the URL names", "[presenters][session]")
{
    test::AdminWorld w;
    SessionSetupPresenter p(w.context(), w.tess);

    REQUIRE(p.listPresets(QStringLiteral("  ") + kSm4Url + QStringLiteral(" ")) == Listing::Listed);
    CHECK(p.deviceProblem().isEmpty());
    REQUIRE_FALSE(p.presets().isEmpty());
    CHECK(p.selected() == indexOf(p, QStringLiteral("conventional-tens"))); // the default
    const auto& chosen = p.choose(p.selected());
    REQUIRE(chosen.has_value());
    CHECK(chosen->id == QStringLiteral("conventional-tens"));
    CHECK(chosen->basePresetId == QStringLiteral("conventional-tens"));
    CHECK(chosen->summary.startsWith(ui::presenters::programmeSummary(QStringLiteral("conventional-tens"))));
    CHECK(chosen->summary.contains(QStringLiteral("\nSource: ")));
    CHECK_FALSE(chosen->fields.isEmpty());
    CHECK(chosen->minutes == ui::presenters::defaultDurationMinutes(QStringLiteral("conventional-tens")));
    CHECK(chosen->advice.endsWith(QStringLiteral(" for ") + chosen->name));
    CHECK(chosen->advice.startsWith(QStringLiteral("advised ")));

    SECTION("the same URL lists nothing new unless asked to; another keeps the choice")
    {
        const int stabilisation = indexOf(p, QStringLiteral("spinal-stabilisation"));
        REQUIRE(stabilisation >= 0);
        REQUIRE(p.choose(stabilisation).has_value());
        CHECK(p.listPresets(kSm4Url) == Listing::Unchanged);
        CHECK(p.listPresets(kSm4Url, QString(), true) == Listing::Listed);
        CHECK(p.selected() == stabilisation);
        CHECK(p.listPresets(QStringLiteral("sim:sciencemode4?channels=4")) == Listing::Listed);
        CHECK(p.presets().at(p.selected()).id == QStringLiteral("spinal-stabilisation"));
    }
    SECTION("a URL that names no stimulator is refused in words and the list shown stays")
    {
        const auto before = p.presets().size();
        CHECK(p.listPresets(QStringLiteral("bogus:nothing")) == Listing::BadUrl);
        CHECK_FALSE(p.deviceProblem().isEmpty());
        CHECK(p.presets().size() == before);
        CHECK(p.limits().stepUa == 100); // the step follows the URL as typed: no known device
        CHECK(p.listPresets(kSm4Url) == Listing::Unchanged); // back to the list shown
        CHECK(p.deviceProblem().isEmpty());
    }
    SECTION("a preset the stimulator cannot deliver is listed with its reasons and never chosen by a list")
    {
        REQUIRE(p.listPresets(QStringLiteral("sim:sciencemode4?channels=1"), QStringLiteral("interferential-4-pole"))
            == Listing::Listed);
        const int interferential = indexOf(p, QStringLiteral("interferential-4-pole"));
        REQUIRE(interferential >= 0);
        const auto& entry = p.presets().at(interferential);
        CHECK_FALSE(entry.deliverable);
        CHECK(entry.label.endsWith(QStringLiteral(" — not available on this stimulator")));
        CHECK_FALSE(entry.reasons.isEmpty());
        CHECK(p.presets().at(p.selected()).deliverable);
        CHECK(p.presets().at(p.selected()).id == QStringLiteral("conventional-tens"));
        const auto& shown = p.choose(interferential);
        REQUIRE(shown.has_value());
        CHECK(shown->summary.contains(QStringLiteral("⚠ Not available on this stimulator: ") + entry.reasons));
    }
    SECTION("out of range chooses nothing")
    {
        CHECK_FALSE(p.choose(-1).has_value());
        CHECK_FALSE(p.choose(static_cast<int>(p.presets().size())).has_value());
        CHECK_FALSE(p.choice().has_value());
    }
}

TEST_CASE("session setup presenter: the editors' limits are the smallest of the preset's, the device's and the "
          "clinic's",
    "[presenters][session]")
{
    test::AdminWorld w;
    SessionSetupPresenter p(w.context(), w.tess);
    REQUIRE(p.listPresets(QStringLiteral("sim:sciencemode4?channels=2")) == Listing::Listed);
    REQUIRE(p.choose(p.selected()).has_value());

    auto l = p.limits();
    CHECK(l.stepUa == 500); // ScienceMode4's grid
    CHECK(l.amplitudeMaxUa == 100'000); // conventional TENS (the device goes to 130 mA)
    CHECK(l.minutesMax == 99);
    CHECK(l.durationTip == QStringLiteral("Stimulation time, 1–99 min (Alt+D); pauses do not count"));
    CHECK(p.unavailable(2).isEmpty());
    CHECK(p.unavailable(3) == QStringLiteral("not on this stimulator (it has 2 channels)"));

    app::ClinicLimits clinic;
    clinic.amplitudeMaxUa = 40'000;
    clinic.sessionMinutesMax = 30;
    REQUIRE(w.context().clinicLimits().setLimits(w.admin, clinic, QStringLiteral("clinic policy 2026")).ok());
    l = p.limits();
    CHECK(l.amplitudeMaxUa == 40'000);
    CHECK(l.minutesMax == 30);
    CHECK(l.durationTip == QStringLiteral("Stimulation time, 1–30 min (Alt+D); pauses do not count"));

    // ScienceMode2 steps in whole milliamps.
    REQUIRE(p.listPresets(QStringLiteral("sim:sciencemode2")) == Listing::Listed);
    CHECK(p.limits().stepUa == 1'000);
}

TEST_CASE("session setup presenter: what each controller state allows", "[presenters][session]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-S3"), QStringLiteral("Okafor"), {1});
    SessionSetupPresenter p(w.context(), w.tess);
    p.loadPatient(QStringLiteral("MRN-S3"));
    using app::SessionState;
    struct Row {
        SessionState state;
        bool ours;
        bool editable;
        bool prepare;
        bool start;
        bool cancel;
    };
    const Row rows[] = {
        {SessionState::Idle, true, true, true, false, false},
        {SessionState::Preparing, true, false, false, false, true},
        {SessionState::Ready, true, false, false, true, true},
        {SessionState::Ready, false, false, false, false, false}, // another view's plan
        {SessionState::Preparing, false, false, false, false, false},
        {SessionState::Running, true, false, false, false, false},
        {SessionState::Paused, true, false, false, false, false},
        {SessionState::Ended, true, true, true, false, false},
    };
    for (const Row& r : rows) {
        INFO("state " << static_cast<int>(r.state) << (r.ours ? " (ours)" : " (another view's)"));
        p.setState(r.state, r.ours);
        CHECK(p.editable() == r.editable);
        CHECK(p.prepareAllowed() == r.prepare);
        CHECK(p.startAllowed() == r.start);
        CHECK(p.cancelAllowed() == r.cancel);
    }
}

TEST_CASE("session setup presenter: the request the form describes, and the channels a refusal names",
    "[presenters][session]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-S4"), QStringLiteral("Okafor"), {1, 2});
    SessionSetupPresenter p(w.context(), w.tess);
    p.loadPatient(QStringLiteral("MRN-S4"));

    SessionSetupPresenter::Form form;
    form.deviceUrl = QStringLiteral(" ") + kSm4Url;
    QString problem;
    CHECK_FALSE(p.request(form, &problem).has_value());
    CHECK(problem == QStringLiteral("preset: choose a preset"));
    form.presetId = QStringLiteral("spinal-stabilisation");
    CHECK_FALSE(p.request(form, &problem).has_value());
    CHECK(problem == QStringLiteral("channels: tick at least one channel"));

    form.channels.append(app::ChannelRequest{2, QStringLiteral("right-lumbar-erector-spinae"), 12'500, std::nullopt});
    form.settings.append(app::ProgramSetting{QStringLiteral("on time"), 8.0});
    form.minutes = 25;
    form.nprsBefore = 6;
    problem.clear();
    const auto r = p.request(form, &problem);
    REQUIRE(r.has_value());
    CHECK(problem.isEmpty());
    CHECK(r->user.id == w.tess.id);
    CHECK(r->patientMrn == QStringLiteral("MRN-S4"));
    CHECK(r->deviceUrl == kSm4Url);
    CHECK(r->presetId == QStringLiteral("spinal-stabilisation"));
    REQUIRE(r->channels.size() == 1);
    CHECK(r->channels[0].channel == 2);
    CHECK(r->channels[0].targetUa == 12'500);
    REQUIRE(r->settings.size() == 1);
    CHECK(r->settings[0].field == QStringLiteral("on time"));
    CHECK(r->durationS == 25 * 60);
    CHECK(r->nprsBefore == 6);
    form.nprsBefore.reset();
    CHECK_FALSE(p.request(form, &problem)->nprsBefore.has_value());

    CHECK(SessionSetupPresenter::channelsNamed(QStringLiteral("channel 2: 80 mA on 0.25 cm² exceeds …; channel 5 too"))
        == QList<int>{2, 5});
    CHECK(SessionSetupPresenter::channelsNamed(QStringLiteral("channels: tick at least one channel")).isEmpty());
    CHECK(SessionSetupPresenter::channelsNamed(QStringLiteral("subchannel 3")).isEmpty());
}
