// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PatientFinder.h"

#include "app/services/PatientService.h"
#include "ui/patients/PatientListModel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>

namespace galvani::ui {

namespace {

// Two lines per patient: the name in bold, larger, then date of birth and MRN — both identifiers readable at a glance.
class PatientRowDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        // The model's own text: initStyleOption() turns its line break into a line separator.
        const QStringList lines = index.data(Qt::DisplayRole).toString().split(QLatin1Char('\n'));
        opt.text.clear();
        const QWidget* widget = opt.widget;
        QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QRect r = opt.rect.adjusted(8, 5, -8, -5);
        painter->save();
        painter->setPen(opt.state.testFlag(QStyle::State_Selected) ? opt.palette.highlightedText().color()
                                                                   : opt.palette.text().color());
        const QFont name = nameFont(opt.font);
        const QFontMetrics nameMetrics(name);
        painter->setFont(name);
        painter->drawText(r.left(), r.top() + nameMetrics.ascent(),
            nameMetrics.elidedText(lines.value(0), Qt::ElideRight, r.width()));
        const QFontMetrics detailMetrics(opt.font);
        painter->setFont(opt.font);
        painter->drawText(r.left(), r.top() + nameMetrics.height() + 2 + detailMetrics.ascent(),
            detailMetrics.elidedText(lines.value(1), Qt::ElideRight, r.width()));
        painter->restore();
    }

    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const QSize base = QStyledItemDelegate::sizeHint(option, index);
        const int height = QFontMetrics(nameFont(option.font)).height() + 2 + QFontMetrics(option.font).height() + 10;
        return {base.width(), height};
    }

private:
    static QFont nameFont(QFont font)
    {
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.15);
        return font;
    }
};

} // namespace

PatientFinder::PatientFinder(app::PatientService& patients, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_patients(patients), m_user(user)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* label = new QLabel(QStringLiteral("&Find patient (MRN or name):"), this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("patientSearch"));
    m_search->setPlaceholderText(QStringLiteral("MRN or name"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(app::PatientService::kMaxSearchChars);
    m_search->setToolTip(QStringLiteral("Type part of a name or an MRN (Ctrl+F). Enter opens the first patient, "
                                        "Down moves into the list."));
    m_search->installEventFilter(this);
    label->setBuddy(m_search);
    layout->addWidget(label);
    layout->addWidget(m_search);

    m_model = new PatientListModel(this);
    m_results = new QListView(this);
    m_results->setObjectName(QStringLiteral("patientResults"));
    m_results->setModel(m_model);
    m_results->setItemDelegate(new PatientRowDelegate(m_results));
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setAlternatingRowColors(true);
    m_results->setSpacing(2);
    m_results->setAccessibleName(QStringLiteral("Patients found"));
    layout->addWidget(m_results, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("patientSearchStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_new = new QPushButton(QStringLiteral("&New patient…"), this);
    m_new->setObjectName(QStringLiteral("newPatient"));
    m_new->setToolTip(QStringLiteral("Add a patient to the records (Ctrl+N)"));
    m_new->setVisible(app::isAllowed(m_user.role, app::Action::EditPatients));
    layout->addWidget(m_new);
    connect(m_new, &QPushButton::clicked, this, &PatientFinder::newPatientRequested);
    connect(m_search, &QLineEdit::textChanged, this, &PatientFinder::search);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_model->rowCount() > 0) {
            chooseRow(0);
        }
    });
    connect(
        m_results->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
            if (!m_quiet && current.isValid()) {
                Q_EMIT patientChosen(current.data(PatientListModel::MrnRole).toString());
            }
        });
    setFocusProxy(m_search);
    search();
}

void PatientFinder::refresh()
{
    search();
}

void PatientFinder::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void PatientFinder::showCurrent(const QString& mrn)
{
    const int row = m_model->rowOf(mrn);
    m_quiet = true;
    if (row >= 0) {
        m_results->setCurrentIndex(m_model->index(row));
    } else {
        m_results->clearSelection();
    }
    m_quiet = false;
}

void PatientFinder::chooseRow(int row)
{
    const QModelIndex index = m_model->index(row);
    m_results->setCurrentIndex(index);
    // Chosen even when the row was already current (Enter on the only result).
    Q_EMIT patientChosen(index.data(PatientListModel::MrnRole).toString());
}

void PatientFinder::search()
{
    if (!app::isAllowed(m_user.role, app::Action::ViewPatients)) {
        m_search->setEnabled(false);
        m_status->setText(
            QStringLiteral("Your role (%1) does not give access to patient records.").arg(app::toString(m_user.role)));
        return;
    }
    const QString text = m_search->text().trimmed();
    // Names from the record store's own search; MRNs from the full list (at most PatientService::kListLimit),
    // plus an exact MRN look-up so a patient beyond that limit is still found by MRN.
    const auto byName = m_patients.list(m_user, text);
    if (!byName.ok()) {
        m_model->setPatients({});
        m_status->setText(QStringLiteral("⚠ ") + byName.error().message);
        return;
    }
    QList<app::PatientSummary> found;
    QList<qint64> seen;
    const auto take = [&found, &seen](const app::PatientSummary& p) {
        if (!seen.contains(p.id)) {
            seen.append(p.id);
            found.append(p);
        }
    };
    if (!text.isEmpty()) {
        if (const auto exact = m_patients.findByMrn(m_user, text); exact.ok()) {
            take(exact->summary);
        }
        if (const auto all = m_patients.list(m_user); all.ok()) {
            for (const auto& p : all.value()) {
                if (p.mrn.contains(text, Qt::CaseInsensitive)) {
                    take(p);
                }
            }
        }
    }
    for (const auto& p : byName.value()) {
        take(p);
    }
    const QString current = m_results->currentIndex().data(PatientListModel::MrnRole).toString();
    m_quiet = true;
    m_model->setPatients(found);
    m_quiet = false;
    showCurrent(current);
    if (found.isEmpty()) {
        m_status->setText(text.isEmpty() ? QStringLiteral("No patients on record yet.")
                                         : QStringLiteral("No patient matches “%1”.").arg(text));
    } else {
        m_status->setText(
            found.size() == 1 ? QStringLiteral("1 patient") : QStringLiteral("%1 patients").arg(found.size()));
    }
}

bool PatientFinder::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
            m_results->setFocus(Qt::TabFocusReason);
            if (!m_results->currentIndex().isValid()) {
                chooseRow(0);
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace galvani::ui
