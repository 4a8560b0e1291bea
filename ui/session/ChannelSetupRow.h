// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QtGlobal>

class QCheckBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QWidget;

namespace galvani::ui::session {

// One row of the setup form: a channel that has a current placement for the patient, with an enable box and the
// target amplitude the channel ramps to. The spin box works in mA in 0.1 mA steps, or the device's coarser
// amplitude step, and is bounded by the preset's and the device's largest amplitude; the session controller and the
// safety kernel check the rest (density, calibration, pad area) and their refusal is shown on the row it names. The
// row's widgets live in the grid of the setup page (two grid rows each). Thread affinity: GUI thread. Ownership: the
// setup page owns the row (not as a QObject child); the widgets are children of `parent`, and the row deletes them when
// it goes.
class ChannelSetupRow final : public QObject {
    Q_OBJECT
public:
    // placementText: the pad and landmark, e.g. "5 × 9 cm at L3 spinous process".
    ChannelSetupRow(
        int channel, const QString& siteId, const QString& placementText, QGridLayout* grid, int row, QWidget* parent);
    ~ChannelSetupRow() override;
    ChannelSetupRow(const ChannelSetupRow&) = delete;
    ChannelSetupRow& operator=(const ChannelSetupRow&) = delete;

    [[nodiscard]] int channel() const { return m_channel; }
    [[nodiscard]] QString siteId() const { return m_siteId; }
    [[nodiscard]] bool isChecked() const;
    void setChecked(bool on);
    [[nodiscard]] qint64 targetUa() const;
    void setTargetUa(qint64 ua);
    // The spin box's step (the device's amplitude step, at least 0.1 mA) and largest value (µA), shown next to it
    // as the allowed range. The smallest target is one step.
    void setLimits(qint64 stepUa, qint64 maxUa);
    // Locked while a plan stands or a session runs. unavailable: why this channel cannot be used (e.g. the device
    // has fewer channels); empty when it can.
    void setEditable(bool editable);
    void setUnavailable(const QString& why);
    // Marks the row a refusal names (text shown beside it, plus a frame); empty clears it.
    void setProblem(const QString& message);
    [[nodiscard]] QWidget* firstFocus() const;
    [[nodiscard]] QWidget* lastFocus() const;

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();

    int m_channel;
    QString m_siteId;
    QString m_unavailable;
    bool m_editable = true;
    QCheckBox* m_enable = nullptr;
    QLabel* m_site = nullptr;
    QDoubleSpinBox* m_target = nullptr;
    QLabel* m_range = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace galvani::ui::session
