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
    : QWidget(parent), m_presenter(patients, user)
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
    m_search->setEnabled(m_presenter.allowed());
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
    m_new->setVisible(m_presenter.canAddPatients());
    layout->addWidget(m_new);
    connect(m_new, &QPushButton::clicked, this, &PatientFinder::newPatientRequested);
    connect(m_search, &QLineEdit::textChanged, &m_presenter, &presenters::PatientFinderPresenter::search);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (!m_presenter.results().isEmpty()) {
            m_presenter.choose(0);
        }
    });
    connect(
        m_results->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
            if (!m_quiet && current.isValid()) {
                m_presenter.choose(current.row());
            }
        });
    connect(&m_presenter, &presenters::PatientFinderPresenter::resultsChanged, this, &PatientFinder::showResults);
    connect(&m_presenter, &presenters::PatientFinderPresenter::currentChanged, this, &PatientFinder::showCurrentRow);
    connect(&m_presenter, &presenters::PatientFinderPresenter::patientChosen, this, &PatientFinder::patientChosen);
    setFocusProxy(m_search);
    m_presenter.search(m_search->text());
}

void PatientFinder::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void PatientFinder::showResults()
{
    m_quiet = true;
    m_model->setPatients(m_presenter.results());
    m_quiet = false;
    showCurrentRow();
    const auto& status = m_presenter.status();
    m_status->setText(status.isError() ? QStringLiteral("⚠ ") + status.text : status.text);
}

void PatientFinder::showCurrentRow()
{
    const int row = m_presenter.rowOf(m_presenter.current());
    m_quiet = true;
    if (row >= 0) {
        m_results->setCurrentIndex(m_model->index(row));
    } else {
        m_results->clearSelection();
    }
    m_quiet = false;
}

bool PatientFinder::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
            m_results->setFocus(Qt::TabFocusReason);
            if (!m_results->currentIndex().isValid()) {
                m_presenter.choose(0);
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace galvani::ui
