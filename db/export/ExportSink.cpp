// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/ExportSink.h"

#include <QIODevice>

namespace galvani::db::exp {

ExportSink::ExportSink(QIODevice* device) : m_device(device)
{
    m_buffer.reserve(kChunkBytes);
}

Status ExportSink::write(QByteArrayView bytes)
{
    if (!m_failed.ok()) {
        return m_failed;
    }
    m_buffer.append(bytes);
    if (m_buffer.size() >= kChunkBytes) {
        return flush();
    }
    return {};
}

Status ExportSink::flush()
{
    if (!m_failed.ok() || m_buffer.isEmpty()) {
        return m_failed;
    }
    const qint64 written = m_device->write(m_buffer);
    if (written != m_buffer.size()) {
        m_failed = storageError(QStringLiteral("write export: %1 of %2 bytes written: %3")
                                    .arg(written < 0 ? 0 : written)
                                    .arg(m_buffer.size())
                                    .arg(m_device->errorString()));
        return m_failed;
    }
    m_hash.addData(m_buffer);
    m_bytes += written;
    m_buffer.resize(0); // keeps the capacity for the next chunk
    return {};
}

QByteArray ExportSink::sha256Hex() const
{
    return m_hash.result().toHex();
}

} // namespace galvani::db::exp
