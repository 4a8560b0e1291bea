// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QByteArray>
#include <QSocketNotifier>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

namespace galvani::device {

// The device end of a pseudo-terminal, for a simulated stimulator that host software opens like a
// serial port. open() creates the pty pair (posix_openpt, grantpt, unlockpt), puts it in raw mode
// and makes linkPath a symbolic link to the slave side (/dev/pts/N). Hosts open the link and set any
// line settings (460800 8E1, 3 Mbaud 8N2 RTS/CTS, ...); a pty ignores speed and flow control and never
// stores PARENB. Before each host the line is reset (raw, 9600 baud) and emptied, so the host's own
// configuration always changes something and tcsetattr succeeds (glibc reports EINVAL for a request
// that changes nothing; a host that later asks for parity alone still gets that on any Linux pty),
// and nothing the previous host left unread reaches the next one.
// Hosts come and go while the transport stays open: peerOpened() when a host opens the slave,
// peerClosed() when the last one closes it (reads then fail with EIO, which is not an error here). While
// nobody has the slave open the master is polled every kPeerPollInterval instead of being watched (it
// would report readable forever), and writes are discarded rather than queued for a future host.
// linkLost() is emitted only for real I/O errors. close() closes the master and removes the link.
// Thread affinity: the thread that calls open() (socket notifiers, timer). I/O is non-blocking.
// Ownership: owns the master file descriptor and the link.
class PtyTransport final : public Transport {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kPeerPollInterval{100};
    static constexpr qsizetype kMaxPendingBytes = qsizetype{256} * 1024; // a host that stops reading loses the rest

    explicit PtyTransport(QString linkPath, QObject* parent = nullptr);
    ~PtyTransport() override;

    bool open(QString* error) override;
    void close() override;
    [[nodiscard]] bool isOpen() const override { return m_fd >= 0; }
    bool write(const QByteArray& bytes) override;
    [[nodiscard]] QString description() const override;

    [[nodiscard]] bool hasPeer() const { return m_peer; }
    [[nodiscard]] QString linkPath() const { return m_linkPath; }
    [[nodiscard]] QString slavePath() const { return m_slavePath; }

Q_SIGNALS:
    void peerOpened();
    void peerClosed();

private:
    void onReadable();
    void onWritable();
    void pollPeer();
    void peerGone();
    void flushPending();
    void fail(const QString& reason);
    bool prepareForNextHost();
    bool makeLink(QString* error);
    void removeLink();

    QString m_linkPath;
    QString m_slavePath;
    int m_fd = -1;
    bool m_peer = false;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QTimer m_peerPoll;
    QByteArray m_pending;
};

} // namespace galvani::device
