// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/SelfTestView.h"

#include "ui/technician/TechnicianFormat.h"

#include <QHeaderView>

namespace galvani::ui {

namespace {

enum Column { CheckColumn, ChannelColumn, OutcomeColumn, DetailColumn, ColumnCount };

QString capitalised(const QString& text)
{
    return text.isEmpty() ? text : text.left(1).toUpper() + text.mid(1);
}

} // namespace

SelfTestView::SelfTestView(QWidget* parent) : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({QStringLiteral("Check"), QStringLiteral("Channel"), QStringLiteral("Result"),
        QStringLiteral("What was found")});
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(CheckColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(ChannelColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(OutcomeColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
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
        setItem(row, CheckColumn, technician::readOnlyCell(capitalised(c.name)));
        setItem(row, ChannelColumn,
            technician::readOnlyCell(c.channel > 0 ? QString::number(c.channel) : QStringLiteral("device")));
        auto* outcome = technician::readOnlyCell(technician::outcomeText(c.outcome));
        outcome->setIcon(technician::outcomeIcon(this, c.outcome));
        setItem(row, OutcomeColumn, outcome);
        setItem(row, DetailColumn, technician::readOnlyCell(c.detail));
    }
    resizeRowsToContents();
}

void SelfTestView::clearReport()
{
    setRowCount(0);
}

} // namespace galvani::ui
