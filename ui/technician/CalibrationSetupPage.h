// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/CalibrationSetup.h"

#include <QDate>
#include <QList>
#include <QWidget>

#include <optional>

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
// due date has passed is refused when it is added, by name. Start asks the wizard to begin; a refusal from the
// service is shown next to the Start button and nothing typed is lost.
// Thread affinity: GUI thread. Ownership: plain child widget. Units: currents in mA on screen, µA in the setup.
class CalibrationSetupPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationSetupPage(QWidget* parent = nullptr);

    // The stimulator the run will use and how many channels it has (the others cannot be ticked).
    void setDevice(const QString& url, int channels, const QString& problem = QString());
    // The date instruments are judged against (the service's clock, UTC).
    void setToday(const QDate& today);
    // The setup as entered, or nullopt and *error naming the field and what it accepts.
    [[nodiscard]] std::optional<app::CalibrationSetup> setup(QString* error) const;
    [[nodiscard]] QList<app::ReferenceInstrument> instruments() const { return m_instruments; }
    void showError(const QString& message); // empty hides it

public Q_SLOTS:
    // Adds the instrument in the entry fields; refuses (by name) one whose own calibration has lapsed.
    bool addInstrument();

Q_SIGNALS:
    void startRequested();

private:
    void removeSelectedInstrument();
    void rebuildInstrumentTable();

    QString m_url;
    int m_deviceChannels = 8;
    QDate m_today;
    QList<app::ReferenceInstrument> m_instruments;

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
