// SPDX-License-Identifier: GPL-3.0-or-later
// Selects PostgreSQL for the service tests linked into app_services_tests_pg.
#include "ServiceStore.h"

galvani::test::StoreBackend galvani::test::testBackend()
{
    return StoreBackend::Postgresql;
}
