// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QStringView>

class QIODevice;

namespace galvani::db::exp {

// Where an export's bytes go: buffers them in chunks of kChunkBytes, writes each chunk to the device, and keeps
// the byte count and a running SHA-256 of everything written, for the audit row. Text is written as UTF-8.
// A short or failed write is reported with the device's error and everything after it is refused.
// Thread affinity: the exporting thread. Ownership: borrows the device, which must stay open until flush().
class ExportSink {
public:
    static constexpr qsizetype kChunkBytes = qsizetype{64} * 1024;

    explicit ExportSink(QIODevice* device);

    [[nodiscard]] Status write(QByteArrayView bytes);
    [[nodiscard]] Status write(QStringView text) { return write(QByteArrayView(text.toUtf8())); }
    // Writes what is buffered (the device may buffer further; closing or committing it is the caller's job).
    [[nodiscard]] Status flush();

    [[nodiscard]] qint64 bytes() const { return m_bytes; }
    // Lowercase hex SHA-256 of the bytes written so far (call after flush()).
    [[nodiscard]] QByteArray sha256Hex() const;

private:
    QIODevice* m_device;
    QByteArray m_buffer;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_bytes = 0;
    Status m_failed;
};

} // namespace galvani::db::exp
