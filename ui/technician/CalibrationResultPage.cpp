// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationResultPage.h"

#include "ui/technician/TechnicianFormat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace galvani::ui {

namespace {

enum ResultColumn {
    ResultChannel,
    ResultOutcome,
    ResultGain,
    ResultOffset,
    ResultAsLeft,
    ResultDue,
    ResultRecord,
    ResultReason,
    ResultColumnCount
};

} // namespace

CalibrationResultPage::CalibrationResultPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("calibrationResultPage"));
    auto* layout = new QVBoxLayout(this);
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("resultHeadlineLabel"));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    layout->addWidget(m_headline);
    m_detail = new QLabel;
    m_detail->setObjectName(QStringLiteral("resultDetailLabel"));
    m_detail->setWordWrap(true);
    layout->addWidget(m_detail);

    m_table = new QTableWidget(0, ResultColumnCount);
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Channel"), QStringLiteral("Result"), QStringLiteral("Gain"),
        QStringLiteral("Offset mA"), QStringLiteral("Largest as-left error mA"), QStringLiteral("Next due"),
        QStringLiteral("Record"), QStringLiteral("Reason")});
    m_table->verticalHeader()->hide();
    for (int c = 0; c < ResultReason; ++c) {
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeader()->setSectionResizeMode(ResultReason, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    QFont tableFont = m_table->font();
    tableFont.setPointSizeF(tableFont.pointSizeF() * 1.1);
    m_table->setFont(tableFont);
    m_table->setIconSize(QSize(20, 20));
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto* bottom = new QHBoxLayout;
    m_signedBy = new QLabel;
    m_signedBy->setObjectName(QStringLiteral("signedByLabel"));
    m_signedBy->setWordWrap(true);
    bottom->addWidget(m_signedBy, 1);
    auto* again = new QPushButton(QStringLiteral("&New calibration"));
    again->setObjectName(QStringLiteral("newCalibrationButton"));
    again->setToolTip(QStringLiteral("Back to the set-up, which keeps what was entered (Alt+N)"));
    bottom->addWidget(again);
    layout->addLayout(bottom);
    connect(again, &QPushButton::clicked, this, &CalibrationResultPage::newCalibrationClicked);
}

void CalibrationResultPage::showSummary(
    const app::CalibrationSummary& summary, const QList<int>& requested, int underWay, const app::SignedInUser& signer)
{
    int passed = 0;
    m_table->setRowCount(0);
    QList<int> reached;
    for (const app::ChannelCalibrationResult& r : summary.channels) {
        reached.append(r.channel);
        passed += r.passed ? 1 : 0;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, ResultChannel, technician::readOnlyCell(QString::number(r.channel)));
        auto* result
            = technician::readOnlyCell(r.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED - locked"));
        result->setIcon(technician::passIcon(this, r.passed));
        QFont bold = result->font();
        bold.setBold(true);
        result->setFont(bold);
        m_table->setItem(row, ResultOutcome, result);
        m_table->setItem(
            row, ResultGain, technician::readOnlyCell(r.gain ? QString::number(*r.gain, 'f', 4) : QStringLiteral("-")));
        m_table->setItem(row, ResultOffset,
            technician::readOnlyCell(r.offsetUa ? technician::milliamps2(*r.offsetUa, true) : QStringLiteral("-")));
        double worst = -1.0;
        for (const auto& p : r.points) {
            if (p.phase == app::PointPhase::AsLeft) {
                worst = std::max(worst, std::fabs(p.errorUa()));
            }
        }
        m_table->setItem(row, ResultAsLeft,
            technician::readOnlyCell(worst >= 0.0 ? technician::milliamps2(worst) : QStringLiteral("not reached")));
        m_table->setItem(row, ResultDue,
            technician::readOnlyCell(r.passed ? technician::dateText(r.dueUtcMs) : QStringLiteral("- (locked)")));
        m_table->setItem(row, ResultRecord,
            technician::readOnlyCell(QStringLiteral("#%1 (%2)").arg(r.calibrationId).arg(r.recordHash.left(12))));
        m_table->setItem(row, ResultReason, technician::readOnlyCell(r.passed ? QString() : r.reason));
    }
    m_table->resizeRowsToContents();

    QStringList notReached;
    for (const int ch : requested) {
        if (!reached.contains(ch) && ch != underWay) {
            notReached.append(QString::number(ch));
        }
    }
    if (summary.completed) {
        m_headline->setText(QStringLiteral("%1 of %2 channels passed").arg(passed).arg(summary.channels.size()));
        m_detail->setText(passed == summary.channels.size()
                ? QStringLiteral("Device %1: every calibrated channel is usable with its new correction.")
                      .arg(summary.deviceSerial)
                : QStringLiteral("Device %1: failed channels are locked for therapy until a passing calibration.")
                      .arg(summary.deviceSerial));
    } else {
        m_headline->setText(QStringLiteral("Calibration stopped: %1").arg(summary.abortReason));
        QString detail = summary.channels.isEmpty()
            ? QStringLiteral("No channel was finished.")
            : QStringLiteral("Channels finished before the stop keep their records.");
        if (underWay > 0) {
            detail += QStringLiteral(" Channel %1 was under way: it is recorded only as incomplete, which never "
                                     "changes its state (its previous calibration, if any, still applies).")
                          .arg(underWay);
        }
        if (!notReached.isEmpty()) {
            detail += QStringLiteral(" Not calibrated in this run: channel %1.")
                          .arg(notReached.join(QStringLiteral(", ")));
        }
        m_detail->setText(detail);
    }
    m_signedBy->setText(summary.channels.isEmpty()
            ? QStringLiteral("No record was signed.")
            : QStringLiteral("Records signed by %1 (login %2).")
                  .arg(signer.displayName.isEmpty() ? signer.username : signer.displayName, signer.username));
}

} // namespace galvani::ui
