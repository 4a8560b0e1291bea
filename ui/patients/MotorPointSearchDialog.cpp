// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/MotorPointSearchDialog.h"

#include "ui/patients/FieldMessages.h"
#include "ui/session/PlanView.h"
#include "ui/session/SessionFormat.h"
#include "ui/widgets/PresetSettingsEditor.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace galvani::ui {

using presenters::MotorPointSearchPresenter;

namespace {

QLabel* wrapped(const QString& objectName, const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

} // namespace

MotorPointSearchDialog::MotorPointSearchDialog(app::AppContext& context, const app::SignedInUser& user,
    const QString& patientMrn, const app::PlacementView& placement, QWidget* parent)
    : QDialog(parent), m_presenter(new MotorPointSearchPresenter(context, user, patientMrn, placement, this))
{
    setObjectName(QStringLiteral("motorPointSearchDialog"));
    setWindowTitle(QStringLiteral("Guided motor-point search"));
    const qint64 stepUa = m_presenter->stepUa();
    auto* layout = new QVBoxLayout(this);

    auto* title = wrapped(QStringLiteral("searchPlacement"), m_presenter->title(), this);
    title->setFont(session::scaledFont(title->font(), 1.3, true));
    layout->addWidget(title);
    layout->addWidget(wrapped(QStringLiteral("searchHowTo"), m_presenter->howTo(), this));

    auto* probe = new QGroupBox(QStringLiteral("Probe settings"), this);
    auto* probeLayout = new QVBoxLayout(probe);
    m_settings = new PresetSettingsEditor(probe);
    m_settings->setObjectName(QStringLiteral("searchSettings"));
    probeLayout->addWidget(m_settings);
    probeLayout->addWidget(
        wrapped(QStringLiteral("searchSettingsHint"), MotorPointSearchPresenter::settingsHint(), probe));
    m_prepare = new QPushButton(QStringLiteral("&Prepare search"), probe);
    m_prepare->setObjectName(QStringLiteral("searchPrepare"));
    m_prepare->setToolTip(QStringLiteral("Check the interlocks and connect the stimulator; the plan follows (Alt+P)"));
    auto* prepareRow = new QHBoxLayout;
    prepareRow->addStretch(1);
    prepareRow->addWidget(m_prepare);
    probeLayout->addLayout(prepareRow);
    layout->addWidget(probe);

    m_message = FieldMessages::makeLabel(QStringLiteral("searchMessage"), this);
    layout->addWidget(m_message);

    m_plan = new session::PlanView(this);
    layout->addWidget(m_plan);

    auto* run = new QGroupBox(QStringLiteral("Search"), this);
    run->setObjectName(QStringLiteral("searchRun"));
    auto* grid = new QGridLayout(run);
    m_state = wrapped(QStringLiteral("searchState"), QString(), run);
    m_output = wrapped(QStringLiteral("searchOutput"), QString(), run);
    m_output->setFont(session::scaledFont(m_output->font(), 1.2, true));
    grid->addWidget(m_state, 0, 0, 1, 2);
    grid->addWidget(m_output, 0, 2, 1, 2);
    m_down = new QPushButton(QStringLiteral("− %1 mA").arg(session::milliampsNumber(stepUa)), run);
    m_down->setObjectName(QStringLiteral("searchDown"));
    m_down->setToolTip(QStringLiteral("Lower the current by %1 (Down key)").arg(session::milliamps(stepUa)));
    m_up = new QPushButton(QStringLiteral("+ %1 mA").arg(session::milliampsNumber(stepUa)), run);
    m_up->setObjectName(QStringLiteral("searchUp"));
    m_up->setToolTip(QStringLiteral("Raise the current by %1 (Up key)").arg(session::milliamps(stepUa)));
    for (auto* b : {m_down, m_up}) {
        b->setFont(session::scaledFont(b->font(), 1.5, true));
        b->setMinimumSize(120, 64);
        b->setFocusPolicy(Qt::NoFocus); // the keys work from anywhere in the dialog
    }
    m_amplitude = new QLabel(run);
    m_amplitude->setObjectName(QStringLiteral("searchAmplitude"));
    m_amplitude->setAlignment(Qt::AlignCenter);
    m_amplitude->setFont(session::scaledFont(m_amplitude->font(), 4.0, true));
    m_amplitude->setMinimumWidth(260);
    grid->addWidget(m_down, 1, 0);
    grid->addWidget(m_amplitude, 1, 1, 1, 2);
    grid->addWidget(m_up, 1, 3);
    m_delivered = wrapped(QStringLiteral("searchDelivered"), QString(), run);
    m_delivered->setAlignment(Qt::AlignCenter);
    m_delivered->setFont(session::scaledFont(m_delivered->font(), 1.2));
    grid->addWidget(m_delivered, 2, 0, 1, 4);
    m_range = wrapped(QStringLiteral("searchRange"), QString(), run);
    m_range->setAlignment(Qt::AlignCenter);
    grid->addWidget(m_range, 3, 0, 1, 4);
    m_mark = new QPushButton(QStringLiteral("&Twitch seen — mark point"), run);
    m_mark->setObjectName(QStringLiteral("searchMark"));
    m_mark->setToolTip(QStringLiteral("Stop the output and record the motor point with the current amplitude as its "
                                      "threshold, with this width and rate (Alt+T)"));
    m_mark->setFont(session::scaledFont(m_mark->font(), 1.3, true));
    m_mark->setMinimumHeight(56);
    m_stop = new QPushButton(QStringLiteral("St&op search"), run);
    m_stop->setObjectName(QStringLiteral("searchStop"));
    m_stop->setToolTip(QStringLiteral("End the search without marking a point (Alt+O). F12 stops every output."));
    m_stop->setMinimumHeight(56);
    grid->addWidget(m_mark, 4, 0, 1, 3);
    grid->addWidget(m_stop, 4, 3);
    layout->addWidget(run);

    m_close = new QPushButton(QStringLiteral("Clos&e"), this);
    m_close->setObjectName(QStringLiteral("searchClose"));
    m_close->setAutoDefault(false);
    m_close->setToolTip(QStringLiteral("Close; a search in progress is stopped first (Alt+E, Esc)"));
    auto* closeRow = new QHBoxLayout;
    closeRow->addStretch(1);
    closeRow->addWidget(m_close);
    layout->addStretch(1); // spare height below the controls, not inside the texts
    layout->addLayout(closeRow);

    // Probe settings: the preset's rate and width with their ranges (ViewPresets; a refusal is shown verbatim).
    QString fieldsProblem;
    m_settings->setFields(m_presenter->probeFields(&fieldsProblem));
    if (!fieldsProblem.isEmpty()) {
        setErrorText(m_message, fieldsProblem);
    }

    m_upKey = new QShortcut(QKeySequence(Qt::Key_Up), this);
    m_downKey = new QShortcut(QKeySequence(Qt::Key_Down), this);
    for (auto* key : {m_upKey, m_downKey}) {
        key->setContext(Qt::WindowShortcut);
        key->setAutoRepeat(false); // one press, one step: a held key must not run the current up
    }
    auto* p = m_presenter;
    connect(m_upKey, &QShortcut::activated, p, [p] { p->step(+1); });
    connect(m_downKey, &QShortcut::activated, p, [p] { p->step(-1); });
    connect(m_up, &QPushButton::clicked, p, [p] { p->step(+1); });
    connect(m_down, &QPushButton::clicked, p, [p] { p->step(-1); });
    connect(m_prepare, &QPushButton::clicked, this, [this] { m_presenter->prepare(m_settings->settings()); });
    connect(m_plan, &session::PlanView::startRequested, p, &MotorPointSearchPresenter::start);
    connect(m_plan, &session::PlanView::cancelRequested, p, &MotorPointSearchPresenter::cancelPlan);
    connect(m_mark, &QPushButton::clicked, p, &MotorPointSearchPresenter::markPoint);
    connect(m_stop, &QPushButton::clicked, p, [p] { p->stop(QStringLiteral("Stop search button")); });
    connect(m_close, &QPushButton::clicked, this, &MotorPointSearchDialog::reject);

    connect(p, &MotorPointSearchPresenter::message, this,
        [this](MotorPointSearchPresenter::MessageKind kind, const QString& text) {
            switch (kind) {
            case MotorPointSearchPresenter::MessageKind::Clear:
                m_message->clear();
                m_message->setVisible(false);
                break;
            case MotorPointSearchPresenter::MessageKind::Info:
                setOkText(m_message, text);
                break;
            case MotorPointSearchPresenter::MessageKind::Error:
                setErrorText(m_message, text);
                break;
            }
        });
    connect(p, &MotorPointSearchPresenter::planShown, m_plan, &session::PlanView::showPlan);
    connect(p, &MotorPointSearchPresenter::planCleared, m_plan, &session::PlanView::clear);
    connect(p, &MotorPointSearchPresenter::changed, this, &MotorPointSearchDialog::updateControls);
    connect(p, &MotorPointSearchPresenter::pointMarked, this, &MotorPointSearchDialog::pointMarked);

    m_plan->clear(QStringLiteral("No plan yet: choose the probe settings, then Prepare search."));
    updateControls();
}

MotorPointSearchDialog::~MotorPointSearchDialog()
{
    // The presenter stops a search in progress as it goes (never output behind a closed dialog). It goes first,
    // while the widgets its signals reach still exist.
    delete m_presenter;
}

qint64 MotorPointSearchDialog::amplitudeUa() const
{
    return m_presenter->setpointUa();
}

std::optional<qint64> MotorPointSearchDialog::sessionId() const
{
    return m_presenter->sessionId();
}

void MotorPointSearchDialog::reject()
{
    m_presenter->stop(QStringLiteral("dialog closed"));
    QDialog::reject();
}

void MotorPointSearchDialog::updateControls()
{
    const MotorPointSearchPresenter::Controls c = m_presenter->controls();
    m_settings->setEnabled(c.settingsEnabled);
    m_prepare->setEnabled(c.settingsEnabled);
    m_plan->setStartAllowed(c.startAllowed);
    m_plan->setCancelAllowed(c.cancelAllowed);
    m_up->setEnabled(c.stepEnabled);
    m_down->setEnabled(c.stepEnabled);
    m_upKey->setEnabled(c.stepEnabled);
    m_downKey->setEnabled(c.stepEnabled);
    m_mark->setEnabled(c.markEnabled);
    m_mark->setText(c.markText);
    m_stop->setEnabled(c.stopEnabled);
    m_plan->setVisible(c.planVisible);
    m_state->setText(m_presenter->stateText());
    m_amplitude->setText(m_presenter->amplitudeText());
    m_range->setText(m_presenter->rangeText());
    m_delivered->setText(m_presenter->deliveredText());
    m_output->setText(m_presenter->outputOn() ? QStringLiteral("⚡ OUTPUT ON") : QStringLiteral("○ Output off"));
    m_output->setStyleSheet(
        m_presenter->outputOn() ? QStringLiteral("background: #ffb000; color: black; padding: 4px;") : QString());
}

} // namespace galvani::ui
