// SPDX-License-Identifier: GPL-3.0-or-later
// Selects SQLite for the calibration tests linked into app_calibration_tests.
#include "../../db/TestStore.h"

galvani::test::StoreBackend galvani::test::testBackend()
{
    return StoreBackend::Sqlite;
}
