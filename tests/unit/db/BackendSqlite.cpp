// SPDX-License-Identifier: GPL-3.0-or-later
// Selects SQLite for the repository tests linked into db_records_tests.
#include "TestStore.h"

galvani::test::StoreBackend galvani::test::testBackend()
{
    return StoreBackend::Sqlite;
}
