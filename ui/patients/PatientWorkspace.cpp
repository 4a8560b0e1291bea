// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PatientWorkspace.h"

#include "app/AppContext.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "ui/patients/MotorPointPanel.h"
#include "ui/patients/NewPatientDialog.h"
#include "ui/patients/PatientBanner.h"
#include "ui/patients/PatientDetailsPanel.h"
#include "ui/patients/PatientFinder.h"
#include "ui/patients/PatientText.h"
#include "ui/patients/PlacementPanel.h"
#include "ui/patients/ScreeningPanel.h"
#include "ui/presenters/PatientWorkspacePresenter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace galvani::ui {

struct PatientWorkspace::Impl {
    Impl(app::AppContext& ctx, const app::SignedInUser& u) : context(ctx), user(u) { }

    app::AppContext& context;
    app::SignedInUser user;
    presenters::PatientWorkspacePresenter* presenter = nullptr;

    PatientFinder* finder = nullptr;
    PatientBanner* banner = nullptr;
    QStackedWidget* stack = nullptr;
    QLabel* placeholder = nullptr;
    QTabWidget* tabs = nullptr;
    ScreeningPanel* screening = nullptr;
    PlacementPanel* placements = nullptr;
    MotorPointPanel* motorPoints = nullptr;
    PatientDetailsPanel* details = nullptr;
    QPointer<NewPatientDialog> newPatient;
};

PatientWorkspace::PatientWorkspace(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), d(std::make_unique<Impl>(context, user))
{
    setObjectName(QStringLiteral("patientWorkspace"));
    d->presenter = new presenters::PatientWorkspacePresenter(context.patients(), user, this);

    auto* layout = new QHBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    layout->addWidget(split);

    d->finder = new PatientFinder(context.patients(), user, split);
    d->finder->setMinimumWidth(260);
    split->addWidget(d->finder);

    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    d->banner = new PatientBanner(right);
    d->banner->setVisible(false);
    d->banner->treatButton()->setVisible(d->presenter->canTreat());
    rightLayout->addWidget(d->banner);
    d->stack = new QStackedWidget(right);
    d->placeholder = new QLabel(right);
    d->placeholder->setObjectName(QStringLiteral("patientPlaceholder"));
    d->placeholder->setAlignment(Qt::AlignCenter);
    d->placeholder->setWordWrap(true);
    d->placeholder->setStyleSheet(QStringLiteral("font-size: 13pt; color: palette(dark);"));
    d->placeholder->setText(d->presenter->placeholder());
    d->stack->addWidget(d->placeholder);

    d->tabs = new QTabWidget(right);
    d->tabs->setObjectName(QStringLiteral("patientTabs"));
    d->screening = new ScreeningPanel(context.screenings(), user, d->tabs);
    d->placements = new PlacementPanel(context.placements(), context.store(), user, d->tabs);
    d->motorPoints = new MotorPointPanel(context, user, d->tabs);
    d->details = new PatientDetailsPanel(context.store(), user, d->tabs);
    if (d->presenter->canScreen()) {
        d->tabs->addTab(d->screening, QStringLiteral("Screening"));
    } else {
        d->screening->hide();
    }
    if (d->presenter->canPlace()) {
        d->tabs->addTab(d->placements, QStringLiteral("Placements"));
        d->tabs->addTab(d->motorPoints, QStringLiteral("Motor points"));
    } else {
        d->placements->hide();
        d->motorPoints->hide();
    }
    d->tabs->addTab(d->details, QStringLiteral("Details and notes"));
    for (int i = 0; i < d->tabs->count(); ++i) {
        d->tabs->setTabToolTip(i, QStringLiteral("Ctrl+%1").arg(i + 1));
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, i] {
            if (!d->presenter->mrn().isEmpty()) {
                d->tabs->setCurrentIndex(i);
            }
        });
    }
    d->stack->addWidget(d->tabs);
    rightLayout->addWidget(d->stack, 1);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 1000});

    auto* find = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_F), this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, d->finder, &PatientFinder::focusSearch);
    if (d->presenter->canAddPatients()) {
        auto* add = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_N), this);
        add->setContext(Qt::WidgetWithChildrenShortcut);
        connect(add, &QShortcut::activated, this, [this] { (void)openNewPatient(); });
    }

    connect(d->finder, &PatientFinder::patientChosen, this, &PatientWorkspace::selectPatient);
    connect(d->finder, &PatientFinder::newPatientRequested, this, [this] { (void)openNewPatient(); });
    connect(d->screening, &ScreeningPanel::screeningChanged, this, &PatientWorkspace::refreshReadiness);
    connect(d->placements, &PlacementPanel::placementsChanged, this, [this] {
        d->motorPoints->setPatient(d->presenter->mrn(), d->placements->placements());
        refreshReadiness();
    });
    connect(d->banner->treatButton(), &QPushButton::clicked, this, [this] {
        if (!d->presenter->mrn().isEmpty()) {
            Q_EMIT treatRequested(d->presenter->mrn());
        }
    });
    setFocusProxy(d->finder);
}

PatientWorkspace::~PatientWorkspace() = default;

QString PatientWorkspace::currentMrn() const
{
    return d->presenter->mrn();
}

ScreeningPanel* PatientWorkspace::screeningPanel() const
{
    return d->screening;
}

BodyMapWidget* PatientWorkspace::bodyMap() const
{
    return d->placements->bodyMap();
}

void PatientWorkspace::selectPatient(const QString& mrn)
{
    const QString before = d->presenter->mrn();
    const QString problem = d->presenter->select(mrn);
    const auto& details = d->presenter->patient();
    if (!details) {
        d->banner->setVisible(false);
        d->screening->setPatient(QString(), QString());
        d->placements->setPatient(QString());
        d->motorPoints->setPatient(QString(), {});
        d->details->clear();
        if (!problem.isEmpty()) {
            d->placeholder->setText(QStringLiteral("⚠ ") + problem);
        }
        d->stack->setCurrentWidget(d->placeholder);
        d->finder->showCurrent(QString());
        if (!before.isEmpty()) {
            Q_EMIT patientSelected(QString());
        }
        return;
    }
    const QString selected = d->presenter->mrn();
    d->banner->setPatient(details->summary);
    d->banner->setVisible(true);
    d->details->setPatient(*details);
    if (d->presenter->canScreen()) {
        d->screening->setPatient(selected, d->presenter->label());
    }
    if (d->presenter->canPlace()) {
        d->placements->setPatient(selected);
        d->motorPoints->setPatient(selected, d->placements->placements());
    }
    d->stack->setCurrentWidget(d->tabs);
    d->finder->showCurrent(selected);
    refreshReadiness();
    Q_EMIT patientSelected(selected);
}

void PatientWorkspace::refresh()
{
    const QString mrn = d->presenter->mrn();
    d->finder->refresh();
    if (!mrn.isEmpty()) {
        selectPatient(mrn);
    }
}

NewPatientDialog* PatientWorkspace::openNewPatient()
{
    if (!d->presenter->canAddPatients()) {
        return nullptr;
    }
    if (d->newPatient) {
        d->newPatient->raise();
        d->newPatient->activateWindow();
        return d->newPatient;
    }
    d->newPatient = new NewPatientDialog(d->context.patients(), d->context.store(), d->user, this);
    d->newPatient->setAttribute(Qt::WA_DeleteOnClose);
    if (auto* search = d->finder->findChild<QLineEdit*>(QStringLiteral("patientSearch"))) {
        d->newPatient->prefill(search->text());
    }
    connect(d->newPatient, &NewPatientDialog::created, this,
        [this](const app::PatientSummary& patient, const QString& note, const QString& noteError) {
            d->finder->refresh();
            selectPatient(patient.mrn);
            if (!noteError.isEmpty()) {
                d->details->offerNote(
                    note, QStringLiteral("The patient was added, but the note was not saved: ") + noteError);
                d->tabs->setCurrentWidget(d->details);
            } else if (d->presenter->canScreen()) {
                // The next step with a new patient: the contraindication screening.
                d->tabs->setCurrentWidget(d->screening);
            }
        });
    d->newPatient->open();
    return d->newPatient;
}

void PatientWorkspace::refreshReadiness()
{
    if (d->presenter->mrn().isEmpty()) {
        return;
    }
    const auto readiness
        = d->presenter->readiness(d->screening->blockingReason(), d->screening->latest(), d->placements->placements());
    d->banner->setReadiness(
        readiness.lines, readiness.blocked ? PatientBanner::Readiness::Blocked : PatientBanner::Readiness::Ready);
    QPushButton* treat = d->banner->treatButton();
    treat->setEnabled(true);
    treat->setToolTip(readiness.treatTip);
}

} // namespace galvani::ui
