// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/AppContext.h"

#include "db/Database.h"
#include "db/StoreUrl.h"
#include "device/discovery/DeviceAddress.h"

#include <variant>

namespace galvani::app {

struct AppContext::Impl {
    core::SystemClock clock;
    device::DeviceAddress device;
    std::optional<db::Database> database;
};

AppContext::AppContext(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
}

AppContext::~AppContext() = default;

std::unique_ptr<AppContext> AppContext::create(const AppOptions& options, QString* error)
{
    auto impl = std::make_unique<Impl>();

    const auto address = device::parseDeviceAddress(options.deviceUrl.toStdString());
    if (const auto* bad = std::get_if<device::AddressError>(&address)) {
        *error = QStringLiteral("--device: ") + QString::fromStdString(bad->message);
        return nullptr;
    }
    impl->device = std::get<device::DeviceAddress>(address);

    const auto store = db::parseStoreUrl(options.storeUrl);
    if (const auto* bad = std::get_if<db::StoreUrlError>(&store)) {
        *error = QStringLiteral("--db: ") + bad->message;
        return nullptr;
    }
    QString dbError;
    auto database = db::Database::open(std::get<db::StoreUrl>(store), &dbError);
    if (!database) {
        *error = QStringLiteral("--db: ") + dbError;
        return nullptr;
    }
    impl->database.emplace(std::move(*database));
    return std::unique_ptr<AppContext>(new AppContext(std::move(impl)));
}

const core::Clock& AppContext::clock() const
{
    return m_impl->clock;
}

QString AppContext::deviceUrl() const
{
    return QString::fromStdString(m_impl->device.toUrl());
}

QString AppContext::storeUrl() const
{
    return m_impl->database->url().toUrl();
}

} // namespace galvani::app
