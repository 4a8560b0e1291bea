// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/presenters/CalibrationWizardPresenter.h"

#include <QList>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace galvani::ui {

// The first step of the calibration wizard: which channels (1-8), the reference load (500 ohm default; 1, 2 and
// 10 kohm), the test currents, the interval, how each point is read (the stimulator measures, or the technician
// reads an external meter) and the reference instruments with their own calibration due dates. An instrument whose
// due date has passed is refused when it is added, by name. Start asks the wizard to begin; a refusal is shown
// next to the Start button, the field it names gets the focus, and nothing typed is lost. The stimulator, the
// instruments and every refusal come from the presenter; the page builds its widgets and collects the form.
// Thread affinity: GUI thread. Ownership: plain child widget; borrows the presenter (its wizard's, which outlives
// it). Units: currents in mA on screen.
class CalibrationSetupPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationSetupPage(presenters::CalibrationWizardPresenter* presenter, QWidget* parent = nullptr);

    // The form as entered, for the presenter's start().
    [[nodiscard]] presenters::CalibrationWizardPresenter::SetupForm form() const;

Q_SIGNALS:
    void startRequested();

private:
    void showDevice();
    void showInstruments();
    void showFeedback();
    void addInstrument();

    presenters::CalibrationWizardPresenter* m_presenter = nullptr;

    QLabel* m_device = nullptr;
    QList<QCheckBox*> m_channelChecks;
    QComboBox* m_load = nullptr;
    QLineEdit* m_points = nullptr;
    QSpinBox* m_interval = nullptr;
    QRadioButton* m_modeDevice = nullptr;
    QRadioButton* m_modeManual = nullptr;
    QLineEdit* m_instrumentName = nullptr;
    QLineEdit* m_instrumentSerial = nullptr;
    QDateEdit* m_instrumentDue = nullptr;
    QLabel* m_instrumentError = nullptr;
    QTableWidget* m_instrumentTable = nullptr;
    QLineEdit* m_deviceSerial = nullptr;
    QLineEdit* m_notes = nullptr;
    QPushButton* m_start = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace galvani::ui
