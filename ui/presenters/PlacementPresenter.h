// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PlacementService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::app {
class RecordStore;
}

namespace galvani::ui::presenters {

// A patient's electrode placements (CLINICAL §4), for PlacementPanel: the site catalogue and what each site says
// (landmark, guidance, default offsets, whether motor points move with posture); the pad sizes to try; the current
// placements as table rows in words and as the form they fill; recording an electrode typed in cm (stored in mm),
// which replaces the electrode of the same role (active or reference) on that channel, the old one staying on
// record; today's visit recorded with the same placements and their remembered motor points in one step; a
// placement taken out of use with a reason. Each result in words, a service's refusal verbatim.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service and the store, which
// must outlive it.
class PlacementPresenter : public QObject {
    Q_OBJECT
public:
    // Where an error belongs: Form, the form's fields (the panel finds the field the message names); None, the
    // panel's message line.
    enum class Field { None, Form };
    using Result = Feedback<Field>;

    struct PadSize {
        QString label; // "5 × 9 cm"
        int widthMm = 0;
        int heightMm = 0;
    };

    // What a site says on the form, and the offsets it suggests.
    struct SiteDetails {
        QString text; // "Landmark: …\nPlace: …" and the posture note
        double offsetCranialCm = 0.0;
        double offsetLateralCm = 0.0;
    };

    // The form as typed. Lengths in cm.
    struct Form {
        QString siteId;
        int channel = 1;
        double offsetCranialCm = 0.0;
        double offsetLateralCm = 0.0;
        double widthCm = 5.0;
        double heightCm = 9.0;
        app::ElectrodeKind kind = app::ElectrodeKind::SelfAdhesive;
        int reuseCount = 0;
        app::ElectrodePolarity polarity = app::ElectrodePolarity::ActiveCathode;
        app::PatientPosture posture = app::PatientPosture::Prone;
        QString leadLabel;
        QString notes;
    };

    PlacementPresenter(
        app::PlacementService& placements, app::RecordStore& store, app::SignedInUser user, QObject* parent = nullptr);

    // The catalogue's sites (reference data; empty for a role without it, catalogueProblem() saying why).
    [[nodiscard]] const QList<app::PlacementSiteInfo>& sites() const { return m_sites; }
    [[nodiscard]] const QString& catalogueProblem() const { return m_catalogueProblem; }
    // Landmark, guidance and offsets of a catalogue site; nullopt for an id the catalogue does not have.
    [[nodiscard]] std::optional<SiteDetails> siteDetails(const QString& siteId) const;

    // CLINICAL §4's trial sizes and the service's default square pad; padSizeIndex() is padSizes().size() for any
    // other size ("Other size"). Sizes typed in cm are compared in whole mm, as they are stored.
    [[nodiscard]] static const QList<PadSize>& padSizes();
    [[nodiscard]] static int padSizeIndex(double widthCm, double heightCm);
    // "= 45.0 cm²"
    [[nodiscard]] static QString padAreaText(double widthCm, double heightCm);

    // Shows this patient's placements ("" clears); the read error in words, or empty.
    QString setPatient(const QString& mrn);
    QString reload();
    [[nodiscard]] const QString& mrn() const { return m_mrn; }
    [[nodiscard]] const QList<app::PlacementView>& placements() const { return m_current; }
    // Channel, polarity, site, landmark, offsets, pad, type, posture, lead, recorded.
    [[nodiscard]] QList<QStringList> rows() const;
    // The form a current placement fills (a table row chosen); nullopt for a row out of range.
    [[nodiscard]] std::optional<Form> formOf(int row) const;
    [[nodiscard]] static app::PlacementInput input(const Form& form);
    [[nodiscard]] bool canReuse() const { return !m_current.isEmpty(); }
    [[nodiscard]] bool canRemove() const { return !m_current.isEmpty(); }

    // Records the electrode, replacing the one of the same role on its channel: Success saying what was recorded
    // (and what it replaces), or the refusal (Field::Form) with nothing written; Kind None without a patient.
    Result record(const Form& form);
    // Today's visit with the same placements, and their remembered motor points carried over.
    Result reuseLastVisit();
    // Checks that a row is chosen before the reason is asked: Error, or Kind None.
    [[nodiscard]] Result checkRemove(int row) const;
    // The question asked for the reason ("<placement>\nWhy is it no longer used? …").
    [[nodiscard]] QString removeQuestion(int row) const;
    // Takes the placement of that row out of use; it stays on record.
    Result remove(int row, const QString& reason);

private:
    app::PlacementService& m_placements;
    app::RecordStore& m_store;
    app::SignedInUser m_user;
    QString m_mrn;
    QList<app::PlacementSiteInfo> m_sites;
    QString m_catalogueProblem;
    QList<app::PlacementView> m_current;
};

} // namespace galvani::ui::presenters
