// SPDX-License-Identifier: GPL-3.0-or-later
// Selects SQLite for the service tests linked into app_services_tests.
#include "ServiceStore.h"

galvani::test::StoreBackend galvani::test::testBackend()
{
    return StoreBackend::Sqlite;
}
