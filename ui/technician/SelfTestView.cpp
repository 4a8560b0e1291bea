// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/SelfTestView.h"

#include "ui/technician/TechnicianFormat.h"

#include <QHeaderView>

namespace galvani::ui {

namespace {

enum SelfTestColumn { SelfTestCheck, SelfTestChannel, SelfTestOutcome, SelfTestDetail, SelfTestColumnCount };

QString capitalised(const QString& text)
{
    return text.isEmpty() ? text : text.left(1).toUpper() + text.mid(1);
}

} // namespace

SelfTestView::SelfTestView(QWidget* parent) : QTableWidget(0, SelfTestColumnCount, parent)
{
    setHorizontalHeaderLabels({QStringLiteral("Check"), QStringLiteral("Channel"), QStringLiteral("Result"),
        QStringLiteral("What was found")});
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(SelfTestCheck, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(SelfTestChannel, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(SelfTestOutcome, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(SelfTestDetail, QHeaderView::Stretch);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(true);
    setAccessibleName(QStringLiteral("Self-test checks"));
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void SelfTestView::setReport(const app::SelfTestReport& report)
{
    setRowCount(0);
    for (const app::SelfTestCheck& c : report.checks) {
        const int row = rowCount();
        insertRow(row);
        setItem(row, SelfTestCheck, technician::readOnlyCell(capitalised(c.name)));
        setItem(row, SelfTestChannel,
            technician::readOnlyCell(c.channel > 0 ? QString::number(c.channel) : QStringLiteral("device")));
        auto* outcome = technician::readOnlyCell(technician::outcomeText(c.outcome));
        outcome->setIcon(technician::outcomeIcon(this, c.outcome));
        setItem(row, SelfTestOutcome, outcome);
        setItem(row, SelfTestDetail, technician::readOnlyCell(c.detail));
    }
    resizeRowsToContents();
}

void SelfTestView::clearReport()
{
    setRowCount(0);
}

} // namespace galvani::ui
