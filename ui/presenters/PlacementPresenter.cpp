// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/PlacementPresenter.h"

#include "app/services/MotorPointService.h"
#include "ui/presenters/PatientText.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace galvani::ui::presenters {

namespace {

int toMm(double cm)
{
    return static_cast<int>(std::lround(cm * 10.0));
}

double toCm(int mm)
{
    return mm / 10.0;
}

// Active (cathode) and symmetric electrodes take the active role on a channel; a reference pad the other.
bool sameRole(app::ElectrodePolarity a, app::ElectrodePolarity b)
{
    const auto active = [](app::ElectrodePolarity p) { return p != app::ElectrodePolarity::Reference; };
    return active(a) == active(b);
}

} // namespace

PlacementPresenter::PlacementPresenter(
    app::PlacementService& placements, app::RecordStore& store, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_placements(placements), m_store(store), m_user(std::move(user))
{
    // The catalogue is reference data (ViewPresets); a role without it gets no sites and the reason.
    if (const auto sites = m_placements.catalogue(m_user); sites.ok()) {
        m_sites = sites.value();
    } else {
        m_catalogueProblem = sites.error().message;
    }
}

std::optional<PlacementPresenter::SiteDetails> PlacementPresenter::siteDetails(const QString& siteId) const
{
    const auto it = std::find_if(
        m_sites.cbegin(), m_sites.cend(), [&](const app::PlacementSiteInfo& s) { return s.id == siteId; });
    if (it == m_sites.cend()) {
        return std::nullopt;
    }
    SiteDetails d;
    d.text = QStringLiteral("Landmark: %1.\nPlace: %2.").arg(it->landmark, it->guidance);
    if (it->postureSensitive) {
        d.text += QStringLiteral("\nMotor points move with posture: search again when it differs.");
    }
    d.offsetCranialCm = toCm(it->offsetCranialMm);
    d.offsetLateralCm = toCm(it->offsetLateralMm);
    return d;
}

const QList<PlacementPresenter::PadSize>& PlacementPresenter::padSizes()
{
    // CLINICAL §4's trial sizes, and the service's default square pad.
    static const QList<PadSize> kSizes{
        {QStringLiteral("5 × 5 cm"), 50, 50},
        {QStringLiteral("4 × 10 cm"), 40, 100},
        {QStringLiteral("5 × 9 cm"), 50, 90},
        {QStringLiteral("5 × 10 cm"), 50, 100},
        {QStringLiteral("7.6 × 12.7 cm"), 76, 127},
    };
    return kSizes;
}

int PlacementPresenter::padSizeIndex(double widthCm, double heightCm)
{
    const auto& sizes = padSizes();
    const auto it = std::find_if(sizes.cbegin(), sizes.cend(),
        [&](const PadSize& s) { return s.widthMm == toMm(widthCm) && s.heightMm == toMm(heightCm); });
    return static_cast<int>(it - sizes.cbegin());
}

QString PlacementPresenter::padAreaText(double widthCm, double heightCm)
{
    return QStringLiteral("= %1 cm²").arg(widthCm * heightCm, 0, 'f', 1);
}

QString PlacementPresenter::setPatient(const QString& mrn)
{
    m_mrn = mrn;
    return reload();
}

QString PlacementPresenter::reload()
{
    m_current.clear();
    if (m_mrn.isEmpty()) {
        return QString();
    }
    const auto current = m_placements.current(m_user, m_mrn);
    if (!current.ok()) {
        return current.error().message;
    }
    m_current = current.value();
    return QString();
}

QList<QStringList> PlacementPresenter::rows() const
{
    QList<QStringList> rows;
    for (const app::PlacementView& p : m_current) {
        rows.append({QString::number(p.channel), patienttext::polarity(p.polarity), patienttext::site(p.muscle, p.side),
            p.landmark,
            QStringLiteral("%1 / %2").arg(
                patienttext::centimetres(p.offsetCranialMm), patienttext::centimetres(p.offsetLateralMm)),
            QStringLiteral("%1 × %2, %3")
                .arg(patienttext::centimetres(p.electrodeWidthMm), patienttext::centimetres(p.electrodeHeightMm))
                .arg(static_cast<double>(p.electrodeAreaMm2) / 100.0, 0, 'f', 1),
            patienttext::electrodeKind(p.electrodeKind), patienttext::posture(p.posture), p.leadLabel,
            patienttext::localDateTime(p.recordedUtcMs)});
    }
    return rows;
}

std::optional<PlacementPresenter::Form> PlacementPresenter::formOf(int row) const
{
    if (row < 0 || row >= m_current.size()) {
        return std::nullopt;
    }
    const app::PlacementView& p = m_current.at(row);
    Form f;
    f.siteId = p.siteId;
    f.channel = p.channel;
    f.offsetCranialCm = toCm(p.offsetCranialMm);
    f.offsetLateralCm = toCm(p.offsetLateralMm);
    f.widthCm = toCm(p.electrodeWidthMm);
    f.heightCm = toCm(p.electrodeHeightMm);
    f.kind = p.electrodeKind;
    f.reuseCount = p.reuseCount;
    f.polarity = p.polarity;
    f.posture = p.posture;
    f.leadLabel = p.leadLabel;
    f.notes = p.notes;
    return f;
}

app::PlacementInput PlacementPresenter::input(const Form& form)
{
    app::PlacementInput in;
    in.siteId = form.siteId;
    in.channel = form.channel;
    in.leadLabel = form.leadLabel.trimmed();
    in.electrodeWidthMm = toMm(form.widthCm);
    in.electrodeHeightMm = toMm(form.heightCm);
    in.electrodeKind = form.kind;
    in.reuseCount = form.reuseCount;
    in.polarity = form.polarity;
    in.posture = form.posture;
    in.offsetCranialMm = toMm(form.offsetCranialCm);
    in.offsetLateralMm = toMm(form.offsetLateralCm);
    in.notes = form.notes.trimmed();
    return in;
}

PlacementPresenter::Result PlacementPresenter::record(const Form& form)
{
    if (m_mrn.isEmpty()) {
        return Result{};
    }
    const app::PlacementInput in = input(form);
    const auto replaced = std::find_if(m_current.cbegin(), m_current.cend(),
        [&](const app::PlacementView& p) { return p.channel == in.channel && sameRole(p.polarity, in.polarity); });
    const bool replacing = replaced != m_current.cend();
    const QString before = replacing ? patienttext::site(replaced->muscle, replaced->side) : QString();
    const auto result = replacing ? m_placements.replace(m_user, m_mrn, replaced->id, in,
                            QStringLiteral("replaced in the patient workspace (was %1, %2)")
                                .arg(before, patienttext::polarity(replaced->polarity)))
                                  : m_placements.record(m_user, m_mrn, in);
    if (!result.ok()) {
        return Result::error(result.error().message, Field::Form);
    }
    const QString recorded = patienttext::placement(result.value());
    (void)reload();
    return Result::success(replacing
            ? QStringLiteral("%1 recorded; it replaces %2 on that channel (kept on record).").arg(recorded, before)
            : QStringLiteral("%1 recorded.").arg(recorded));
}

PlacementPresenter::Result PlacementPresenter::reuseLastVisit()
{
    if (m_mrn.isEmpty() || m_current.isEmpty()) {
        return Result{};
    }
    qint64 last = 0;
    for (const auto& p : m_current) {
        last = std::max(last, p.recordedUtcMs);
    }
    const auto reused = m_placements.reuseCurrent(m_user, m_mrn);
    if (!reused.ok()) {
        return Result::error(reused.error().message);
    }
    QString points;
    const auto copied = app::MotorPointService(m_store).reuseOnCurrent(m_user, m_mrn);
    if (copied.ok()) {
        points = copied->isEmpty() ? QStringLiteral("no remembered motor point matched")
                                   : QStringLiteral("%1 remembered motor point(s) carried over").arg(copied->size());
    } else {
        points = QStringLiteral("motor points not carried over: ") + copied.error().message;
    }
    (void)reload();
    return Result::success(QStringLiteral("Today's visit recorded with the same %1 placement(s) as on %2; %3.")
                               .arg(reused->size())
                               .arg(patienttext::localDate(last), points));
}

PlacementPresenter::Result PlacementPresenter::checkRemove(int row) const
{
    if (row < 0 || row >= m_current.size()) {
        return Result::error(QStringLiteral("Select the placement to remove in the table first."));
    }
    return Result{};
}

QString PlacementPresenter::removeQuestion(int row) const
{
    if (row < 0 || row >= m_current.size()) {
        return QString();
    }
    return QStringLiteral("%1\nWhy is it no longer used? (1–1000 characters; it stays on record)")
        .arg(patienttext::placement(m_current.at(row)));
}

PlacementPresenter::Result PlacementPresenter::remove(int row, const QString& reason)
{
    if (Result check = checkRemove(row); check.isError()) {
        return check;
    }
    const app::PlacementView p = m_current.at(row);
    const auto retired = m_placements.retire(m_user, m_mrn, p.id, reason);
    if (!retired.ok()) {
        return Result::error(retired.error().message);
    }
    (void)reload();
    return Result::success(QStringLiteral("%1 taken out of use (kept on record).").arg(patienttext::placement(p)));
}

} // namespace galvani::ui::presenters
