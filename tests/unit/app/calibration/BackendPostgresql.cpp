// SPDX-License-Identifier: GPL-3.0-or-later
// Selects PostgreSQL for the calibration tests linked into app_calibration_tests_pg.
#include "../../db/TestStore.h"

galvani::test::StoreBackend galvani::test::testBackend()
{
    return StoreBackend::Postgresql;
}
