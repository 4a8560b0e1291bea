// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoScreens.h"

#include "app/AppContext.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/patients/PatientWorkspace.h"
#include "ui/technician/CalibrationWizard.h"
#include "ui/technician/TechnicianWorkspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QThread>

#include <functional>

namespace galvani {

namespace {

const QString kPassword = QStringLiteral("demo-password-2026");
const QString kDemoMrn = QStringLiteral("DEMO-1042");

// Pumps events until pred() holds or timeoutMs passes.
bool waitFor(const std::function<bool()>& pred, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!pred()) {
        if (clock.elapsed() > timeoutMs) {
            return false;
        }
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

void pause(int ms)
{
    waitFor([] { return false; }, ms);
}

class Capture {
public:
    Capture(app::AppContext& context, ui::MainWindow& window, QString dir)
        : m_context(context), m_window(window), m_dir(std::move(dir))
    {
    }

    bool shoot(const QString& name)
    {
        pause(150); // layouts and the plot's next frame
        const QString file = QDir(m_dir).filePath(name + QStringLiteral(".png"));
        if (!m_window.grab().toImage().save(file)) {
            QTextStream(stderr) << "--capture-screens: cannot write " << file << '\n';
            return false;
        }
        QTextStream(stdout) << file << '\n';
        return true;
    }

    bool signIn(const QString& user)
    {
        if (m_window.screen() == ui::MainWindow::Screen::Workspace) {
            m_window.signOut();
        }
        auto* name = m_window.findChild<QLineEdit*>(QStringLiteral("signInUser"));
        auto* password = m_window.findChild<QLineEdit*>(QStringLiteral("signInPassword"));
        auto* submit = m_window.findChild<QAbstractButton*>(QStringLiteral("signInSubmit"));
        if (name == nullptr || password == nullptr || submit == nullptr) {
            return false;
        }
        name->setText(user);
        password->setText(kPassword);
        submit->click();
        // The password is checked on a worker thread; the workspace opens when the answer is back.
        return waitFor([this] { return m_window.screen() == ui::MainWindow::Screen::Workspace; }, 30'000);
    }

    bool showTab(const QString& title)
    {
        auto* tabs = m_window.findChild<QTabWidget*>(QStringLiteral("workspaceTabs"));
        for (int i = 0; tabs != nullptr && i < tabs->count(); ++i) {
            QString text = tabs->tabText(i);
            text.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(QLatin1Char('&'));
            if (text.replace(QStringLiteral("\x01"), QStringLiteral("&")) == title) {
                tabs->setCurrentIndex(i);
                return true;
            }
        }
        return false;
    }

    template <typename T>
    T* find(const QString& name)
    {
        return m_window.findChild<T*>(name);
    }

private:
    app::AppContext& m_context;
    ui::MainWindow& m_window;
    QString m_dir;
};

// The demo clinic: accounts, patients, screenings, placements. Returns the therapist.
std::optional<app::SignedInUser> seed(app::AppContext& context)
{
    const auto admin = context.auth().createFirstAdmin(QStringLiteral("alex"), QStringLiteral("Alex Admin"), kPassword);
    if (!admin.ok()) {
        return std::nullopt;
    }
    for (const auto& [name, display, role] :
        {std::tuple{QStringLiteral("tess"), QStringLiteral("Tess Therapist"), app::Role::Therapist},
            std::tuple{QStringLiteral("theo"), QStringLiteral("Theo Technician"), app::Role::Technician}}) {
        if (!context.users().add(*admin, app::NewUserInput{name, display, role, kPassword}).ok()) {
            return std::nullopt;
        }
    }
    const auto tess = context.auth().signIn(QStringLiteral("tess"), kPassword);
    if (!tess.ok()) {
        return std::nullopt;
    }
    const QList<std::tuple<QString, QString, QString, QString>> patients{
        {kDemoMrn, QStringLiteral("Okafor"), QStringLiteral("Adaeze"), QStringLiteral("1971-04-23")},
        {QStringLiteral("DEMO-1043"), QStringLiteral("Lindqvist"), QStringLiteral("Maja Elin"),
            QStringLiteral("1984-11-02")}};
    for (const auto& [mrn, family, given, born] : patients) {
        app::NewPatientInput p;
        p.mrn = mrn;
        p.familyName = family;
        p.givenNames = given;
        p.birthDate = born;
        if (!context.patients().add(*tess, p).ok()
            || !context.screenings().record(*tess, mrn, app::ScreeningInput::noneApply()).ok()) {
            return std::nullopt;
        }
    }
    const QStringList sites{QStringLiteral("left-lumbar-multifidus"), QStringLiteral("right-lumbar-multifidus"),
        QStringLiteral("left-lumbar-erector-spinae"), QStringLiteral("right-lumbar-erector-spinae")};
    for (int i = 0; i < sites.size(); ++i) {
        app::PlacementInput placement;
        placement.siteId = sites.at(i);
        placement.channel = i + 1;
        placement.electrodeWidthMm = 50;
        placement.electrodeHeightMm = 90;
        if (!context.placements().record(*tess, kDemoMrn, placement).ok()) {
            return std::nullopt;
        }
    }
    return *tess;
}

// Prepares and starts a session through the treatment panel's own controls; true once it runs.
bool startThroughPanel(Capture& capture, app::SessionController& sessions, const QList<double>& targetsMa)
{
    for (int ch = 1; ch <= targetsMa.size(); ++ch) {
        auto* use = capture.find<QCheckBox>(QStringLiteral("channelEnable%1").arg(ch));
        auto* target = capture.find<QDoubleSpinBox>(QStringLiteral("channelTarget%1").arg(ch));
        if (use == nullptr || target == nullptr) {
            return false;
        }
        use->setChecked(true);
        target->setValue(targetsMa.at(ch - 1));
    }
    if (auto* nprs = capture.find<QSpinBox>(QStringLiteral("nprsBefore"))) {
        nprs->setValue(6);
    }
    auto* prepare = capture.find<QAbstractButton>(QStringLiteral("prepareButton"));
    if (prepare == nullptr) {
        return false;
    }
    prepare->click();
    if (!waitFor([&] { return sessions.state() == app::SessionState::Ready; }, 20'000)) {
        return false;
    }
    if (auto* read = capture.find<QCheckBox>(QStringLiteral("noticesRead")); read != nullptr && read->isVisible()) {
        read->setChecked(true);
    }
    auto* start = capture.find<QAbstractButton>(QStringLiteral("startButton"));
    if (start == nullptr) {
        return false;
    }
    start->click();
    return waitFor([&] { return sessions.state() == app::SessionState::Running; }, 20'000);
}

// The technician's calibration wizard mid-run, through its widgets: channels 1 and 2 measured by the simulator
// against the 500 ohm load with a reference meter listed, channel 1 finished and channel 2 part-way.
bool calibrateForShot(Capture& capture)
{
    auto* technician = capture.find<ui::TechnicianWorkspace>(QString());
    if (technician == nullptr) {
        return false;
    }
    technician->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    auto* none = capture.find<QAbstractButton>(QStringLiteral("noChannelsButton"));
    auto* name = capture.find<QLineEdit>(QStringLiteral("instrumentNameEdit"));
    auto* serial = capture.find<QLineEdit>(QStringLiteral("instrumentSerialEdit"));
    auto* due = capture.find<QDateEdit>(QStringLiteral("instrumentDueEdit"));
    auto* add = capture.find<QAbstractButton>(QStringLiteral("addInstrumentButton"));
    auto* start = capture.find<QAbstractButton>(QStringLiteral("startCalibrationButton"));
    if (none == nullptr || name == nullptr || serial == nullptr || due == nullptr || add == nullptr
        || start == nullptr) {
        return false;
    }
    none->click();
    for (int ch = 1; ch <= 2; ++ch) {
        auto* check = capture.find<QCheckBox>(QStringLiteral("channelCheck%1").arg(ch));
        if (check == nullptr || !check->isEnabled()) {
            return false; // a stimulator with fewer channels
        }
        check->setChecked(true);
    }
    name->setText(QStringLiteral("Fluke 87V"));
    serial->setText(QStringLiteral("FL-48213"));
    due->setDate(due->date().addMonths(-3));
    add->click();
    start->click();
    if (!technician->wizard()->running()) {
        return false;
    }
    auto* next = capture.find<QAbstractButton>(QStringLiteral("continueButton"));
    auto* results = capture.find<QListWidget>(QStringLiteral("channelResultsList"));
    auto* points = capture.find<QTableWidget>(QStringLiteral("pointTable"));
    if (next == nullptr || results == nullptr || points == nullptr) {
        return false;
    }
    if (!waitFor([next] { return next->isVisible(); }, 30'000)) {
        return false;
    }
    next->click();
    if (!waitFor([&] { return results->count() == 1 && next->isVisible(); }, 60'000)) {
        return false;
    }
    next->click();
    auto* wizard = technician->wizard();
    return waitFor([points, wizard] { return points->rowCount() >= 8 || !wizard->running(); }, 30'000)
        && wizard->running();
}

} // namespace

int captureDemoScreens(const QString& dir, const QString& deviceUrl, const QString& storeDir)
{
    if (!QDir().mkpath(dir)) {
        QTextStream(stderr) << "--capture-screens: cannot create folder " << dir << '\n';
        return 1;
    }
    app::AppOptions options;
    options.deviceUrl = deviceUrl;
    options.storeUrl = QStringLiteral("sqlite:") + QDir(storeDir).filePath(QStringLiteral("demo.sqlite"));
    QString error;
    auto context = app::AppContext::create(options, &error);
    if (!context) {
        QTextStream(stderr) << "--capture-screens: " << error << '\n';
        return 1;
    }
    const auto therapist = seed(*context);
    if (!therapist) {
        QTextStream(stderr) << "--capture-screens: the demo records could not be created\n";
        return 1;
    }

    ui::MainWindow window(*context);
    window.resize(1440, 900);
    window.show();
    Capture capture(*context, window, dir);
    app::SessionController& sessions = context->sessions();
    const auto fail = [](const char* what) {
        QTextStream(stderr) << "--capture-screens: " << what << '\n';
        return 1;
    };
    if (!capture.shoot(QStringLiteral("sign-in")) || !capture.signIn(QStringLiteral("tess"))) {
        return fail("cannot sign in as the demo therapist");
    }

    // A short finished session first, so the history has something to show.
    capture.showTab(QStringLiteral("Patients"));
    auto* patients = capture.find<ui::PatientWorkspace>(QString());
    if (patients == nullptr) {
        return fail("no patient workspace");
    }
    patients->selectPatient(kDemoMrn);
    if (auto* treat = capture.find<QAbstractButton>(QStringLiteral("treatPatient"))) {
        treat->click();
    }
    if (auto* minutes = capture.find<QSpinBox>(QStringLiteral("durationMinutes"))) {
        minutes->setValue(1);
    }
    if (!startThroughPanel(capture, sessions, {8.0, 8.0})) {
        return fail("the demo session did not start");
    }
    pause(4'000);
    window.stopAll();
    waitFor([&] { return sessions.state() == app::SessionState::Ended; }, 20'000);
    if (auto* after = capture.find<QSpinBox>(QStringLiteral("nprsAfter"))) {
        after->setValue(3);
    }
    if (auto* record = capture.find<QAbstractButton>(QStringLiteral("recordOutcome"))) {
        record->click();
    }
    pause(500);

    capture.showTab(QStringLiteral("Patients"));
    patients->selectPatient(kDemoMrn);
    if (auto* tabs = capture.find<QTabWidget>(QStringLiteral("patientTabs"))) {
        tabs->setCurrentIndex(1);
    }
    capture.shoot(QStringLiteral("patient-placements"));
    capture.showTab(QStringLiteral("History"));
    pause(500);
    capture.shoot(QStringLiteral("patient-history"));

    // The run screen mid-session, plot moving.
    capture.showTab(QStringLiteral("Patients"));
    if (auto* treat = capture.find<QAbstractButton>(QStringLiteral("treatPatient"))) {
        treat->click();
    }
    capture.shoot(QStringLiteral("treatment-setup"));
    if (!startThroughPanel(capture, sessions, {12.0, 12.0, 9.0, 9.0})) {
        return fail("the demo session did not start");
    }
    pause(6'000);
    capture.shoot(QStringLiteral("run-screen"));
    window.stopAll();
    waitFor([&] { return sessions.state() == app::SessionState::Ended; }, 20'000);
    pause(300);

    if (!capture.signIn(QStringLiteral("alex"))) {
        return fail("cannot sign in as the demo admin");
    }
    capture.showTab(QStringLiteral("Export"));
    capture.shoot(QStringLiteral("admin-export"));
    if (!capture.signIn(QStringLiteral("theo"))) {
        return fail("cannot sign in as the demo technician");
    }
    if (!calibrateForShot(capture)) {
        return fail("the demo calibration did not run");
    }
    capture.shoot(QStringLiteral("technician-calibration"));
    if (auto* technician = capture.find<ui::TechnicianWorkspace>(QString())) {
        technician->wizard()->abort(QStringLiteral("demo over"));
        waitFor([technician] { return !technician->wizard()->running(); }, 15'000);
    }
    return 0;
}

} // namespace galvani
