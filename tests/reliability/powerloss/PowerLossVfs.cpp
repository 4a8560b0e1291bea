// SPDX-License-Identifier: GPL-3.0-or-later
#include "PowerLossVfs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace galvani::test::powerloss {

namespace {

constexpr std::int64_t kSectorBytes = 512; // the unit a torn write is torn in (the smallest sector in use)

// One write (data at offset) or truncation (to size `offset`) not yet synced, numbered in global issue order.
struct Op {
    bool truncate = false;
    std::int64_t offset = 0;
    std::string data;
    std::uint64_t seq = 0;
};

// What the model knows about one file path in the current trial.
struct Tracked {
    std::string path;
    int type = 0; // SQLITE_OPEN_MAIN_DB, SQLITE_OPEN_WAL, SQLITE_OPEN_MAIN_JOURNAL or SQLITE_OPEN_SUPER_JOURNAL
    bool exists = true; // the file exists now (it was not deleted since it was last created)
    std::string durable; // content as of the last xSync of the file
    std::vector<Op> pending; // writes and truncations since then, in order
    // Whether the directory entry as it is now (the file exists, or has been deleted) survives a power cut. When
    // it does not, the machine may come back with the entry as it was when the directory was last synced:
    // `prior` (nullopt: there was no such file).
    bool entryDurable = true;
    std::optional<std::string> prior;
    bool retired = false; // from an earlier trial: any I/O through a handle still pointing here fails
};

struct ShimFile {
    sqlite3_file base; // must come first: SQLite sees this
    sqlite3_file* real; // the wrapped file, in the same allocation right after this struct
    Tracked* tracked; // nullptr for files the model ignores (temporary files)
    bool dirSyncPending; // a WAL or journal opened with CREATE: the unix VFS fsyncs the directory on its first sync
};
static_assert(sizeof(ShimFile) % 8 == 0, "the wrapped file that follows must stay 8-byte aligned");

struct State {
    std::mutex mutex;
    sqlite3_vfs vfs{};
    sqlite3_vfs* real = nullptr;
    std::uint64_t cutAt = 0;
    std::uint64_t ops = 0;
    std::uint64_t seq = 0;
    std::uint64_t firstDbWrite = 0;
    std::uint64_t walRestart = 0;
    bool cut = false;
    std::map<std::string, std::unique_ptr<Tracked>> files;
    std::vector<std::unique_ptr<Tracked>> retired;
};

State& state()
{
    static State s;
    return s;
}

ShimFile* shim(sqlite3_file* f)
{
    return reinterpret_cast<ShimFile*>(f);
}

// A counted operation may go ahead unless the power is, or now goes, off.
bool admit(State& s)
{
    if (s.cut) {
        return false;
    }
    if (s.cutAt != 0 && s.ops + 1 >= s.cutAt) {
        s.cut = true;
        return false;
    }
    ++s.ops;
    return true;
}

bool dead(const State& s, const ShimFile* f)
{
    return s.cut || (f->tracked != nullptr && f->tracked->retired);
}

// A directory fsync persists every entry of the directory; all trial files live in one folder.
void directorySynced(State& s)
{
    for (auto& [path, t] : s.files) {
        t->entryDurable = true;
        t->prior.reset();
    }
}

void applyWhole(std::string& bytes, const Op& op)
{
    const auto off = static_cast<std::size_t>(op.offset);
    if (op.truncate) {
        bytes.resize(off);
        return;
    }
    if (bytes.size() < off + op.data.size()) {
        bytes.resize(off + op.data.size());
    }
    std::memcpy(bytes.data() + off, op.data.data(), op.data.size());
}

// The sector-aligned pieces of a write: [begin, end) offsets into op.data.
std::vector<std::pair<std::size_t, std::size_t>> pieces(const Op& op)
{
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::int64_t at = op.offset;
    const std::int64_t end = op.offset + static_cast<std::int64_t>(op.data.size());
    while (at < end) {
        const std::int64_t next = std::min(end, (at / kSectorBytes + 1) * kSectorBytes);
        out.emplace_back(static_cast<std::size_t>(at - op.offset), static_cast<std::size_t>(next - op.offset));
        at = next;
    }
    return out;
}

// A torn write: the file grows to the end of the write (the size reached the disk), but only the chosen sectors
// carry the new data; the others keep what was there (zeros past the old end).
void applyTorn(std::string& bytes, const Op& op, const std::vector<bool>& keepPiece)
{
    const auto off = static_cast<std::size_t>(op.offset);
    if (bytes.size() < off + op.data.size()) {
        bytes.resize(off + op.data.size());
    }
    const auto parts = pieces(op);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (keepPiece[i]) {
            std::memcpy(
                bytes.data() + off + parts[i].first, op.data.data() + parts[i].first, parts[i].second - parts[i].first);
        }
    }
}

bool readWholeFile(const std::string& path, std::string* out)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray all = f.readAll();
    out->assign(all.constData(), static_cast<std::size_t>(all.size()));
    return true;
}

// ---- io methods ----

int shimClose(sqlite3_file* file)
{
    ShimFile* f = shim(file);
    std::lock_guard lock(state().mutex);
    return f->real->pMethods->xClose(f->real);
}

int shimRead(sqlite3_file* file, void* buf, int amount, sqlite3_int64 offset)
{
    ShimFile* f = shim(file);
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (dead(s, f)) {
        return SQLITE_IOERR_READ;
    }
    return f->real->pMethods->xRead(f->real, buf, amount, offset);
}

int shimWrite(sqlite3_file* file, const void* buf, int amount, sqlite3_int64 offset)
{
    ShimFile* f = shim(file);
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (dead(s, f) || (f->tracked != nullptr && !admit(s))) {
        return SQLITE_IOERR_WRITE;
    }
    const int rc = f->real->pMethods->xWrite(f->real, buf, amount, offset);
    if (rc == SQLITE_OK && f->tracked != nullptr) {
        if (f->tracked->type == SQLITE_OPEN_MAIN_DB && s.firstDbWrite == 0) {
            s.firstDbWrite = s.ops;
        }
        if (f->tracked->type == SQLITE_OPEN_WAL && offset == 0 && s.firstDbWrite != 0 && s.walRestart == 0) {
            s.walRestart = s.ops;
        }
        f->tracked->pending.push_back(
            Op{false, offset, std::string(static_cast<const char*>(buf), static_cast<std::size_t>(amount)), ++s.seq});
    }
    return rc;
}

int shimTruncate(sqlite3_file* file, sqlite3_int64 size)
{
    ShimFile* f = shim(file);
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (dead(s, f) || (f->tracked != nullptr && !admit(s))) {
        return SQLITE_IOERR_TRUNCATE;
    }
    const int rc = f->real->pMethods->xTruncate(f->real, size);
    if (rc == SQLITE_OK && f->tracked != nullptr) {
        f->tracked->pending.push_back(Op{true, size, {}, ++s.seq});
    }
    return rc;
}

int shimSync(sqlite3_file* file, int /*flags*/)
{
    ShimFile* f = shim(file);
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (dead(s, f) || (f->tracked != nullptr && !admit(s))) {
        return SQLITE_IOERR_FSYNC;
    }
    if (f->tracked != nullptr) {
        Tracked& t = *f->tracked;
        for (const Op& op : t.pending) {
            applyWhole(t.durable, op);
        }
        t.pending.clear();
        if (f->dirSyncPending) {
            directorySynced(s);
            f->dirSyncPending = false;
        }
    }
    return SQLITE_OK; // not passed down: see the class comment
}

int shimFileSize(sqlite3_file* file, sqlite3_int64* size)
{
    ShimFile* f = shim(file);
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (dead(s, f)) {
        return SQLITE_IOERR_FSTAT;
    }
    return f->real->pMethods->xFileSize(f->real, size);
}

int shimLock(sqlite3_file* file, int level)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xLock(f->real, level);
}

int shimUnlock(sqlite3_file* file, int level)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xUnlock(f->real, level);
}

int shimCheckReservedLock(sqlite3_file* file, int* out)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

int shimFileControl(sqlite3_file* file, int op, void* arg)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

int shimSectorSize(sqlite3_file* file)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xSectorSize(f->real);
}

int shimDeviceCharacteristics(sqlite3_file* file)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

int shimShmMap(sqlite3_file* file, int page, int pageSize, int extend, void volatile** out)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xShmMap(f->real, page, pageSize, extend, out);
}

int shimShmLock(sqlite3_file* file, int offset, int n, int flags)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

void shimShmBarrier(sqlite3_file* file)
{
    ShimFile* f = shim(file);
    f->real->pMethods->xShmBarrier(f->real);
}

int shimShmUnmap(sqlite3_file* file, int deleteFlag)
{
    ShimFile* f = shim(file);
    return f->real->pMethods->xShmUnmap(f->real, deleteFlag);
}

// Version 2: shared memory (WAL) but no memory-mapped reads, so every read goes through xRead.
const sqlite3_io_methods kMethodsV2 = {2, shimClose, shimRead, shimWrite, shimTruncate, shimSync, shimFileSize,
    shimLock, shimUnlock, shimCheckReservedLock, shimFileControl, shimSectorSize, shimDeviceCharacteristics, shimShmMap,
    shimShmLock, shimShmBarrier, shimShmUnmap, nullptr, nullptr};
const sqlite3_io_methods kMethodsV1 = {1, shimClose, shimRead, shimWrite, shimTruncate, shimSync, shimFileSize,
    shimLock, shimUnlock, shimCheckReservedLock, shimFileControl, shimSectorSize, shimDeviceCharacteristics, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr};

// ---- vfs methods ----

constexpr int kTrackedTypes
    = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL;

int vfsOpen(sqlite3_vfs* /*vfs*/, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    State& s = state();
    ShimFile* f = shim(file);
    f->base.pMethods = nullptr;
    f->real = reinterpret_cast<sqlite3_file*>(f + 1);
    f->tracked = nullptr;
    f->dirSyncPending = false;
    std::lock_guard lock(s.mutex);
    if (s.cut) {
        return SQLITE_CANTOPEN;
    }
    const bool track = name != nullptr && (flags & kTrackedTypes) != 0;
    int existed = 0;
    if (track && s.real->xAccess(s.real, name, SQLITE_ACCESS_EXISTS, &existed) != SQLITE_OK) {
        existed = 0;
    }
    const int rc = s.real->xOpen(s.real, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        return rc;
    }
    f->base.pMethods = f->real->pMethods != nullptr && f->real->pMethods->iVersion >= 2 ? &kMethodsV2 : &kMethodsV1;
    if (!track) {
        return SQLITE_OK;
    }
    const std::string path(name);
    auto it = s.files.find(path);
    if (it == s.files.end()) {
        auto t = std::make_unique<Tracked>();
        t->path = path;
        t->type = flags & kTrackedTypes;
        if (existed != 0) {
            // A file present when the trial started (or first seen now) counts as durable, entry and content.
            readWholeFile(path, &t->durable);
        } else {
            t->entryDurable = false; // created now: until the directory is synced, a power cut may undo that
            t->prior.reset();
        }
        it = s.files.emplace(path, std::move(t)).first;
    } else if (!it->second->exists) {
        Tracked& t = *it->second;
        // Created again after a deletion: the last synced directory state is what a power cut may bring back.
        if (t.entryDurable) {
            t.entryDurable = false;
            t.prior.reset();
        }
        t.exists = true;
        t.durable.clear();
        t.pending.clear();
    }
    f->tracked = it->second.get();
    const int type = flags & kTrackedTypes;
    f->dirSyncPending = (flags & SQLITE_OPEN_CREATE) != 0
        && (type == SQLITE_OPEN_WAL || type == SQLITE_OPEN_MAIN_JOURNAL || type == SQLITE_OPEN_SUPER_JOURNAL);
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs* /*vfs*/, const char* name, int syncDir)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    auto it = name != nullptr ? s.files.find(name) : s.files.end();
    const bool tracked = it != s.files.end();
    if (s.cut || (tracked && !admit(s))) {
        return SQLITE_IOERR_DELETE;
    }
    const int rc = s.real->xDelete(s.real, name, syncDir);
    if (rc == SQLITE_OK && tracked) {
        Tracked& t = *it->second;
        if (t.entryDurable) {
            t.entryDurable = false;
            t.prior = t.durable; // a lost unlink brings the file back as it was last synced
        }
        t.exists = false;
        t.durable.clear();
        t.pending.clear();
    }
    if (rc == SQLITE_OK && syncDir != 0) {
        directorySynced(s);
    }
    return rc;
}

int vfsAccess(sqlite3_vfs* /*vfs*/, const char* name, int flags, int* out)
{
    State& s = state();
    {
        std::lock_guard lock(s.mutex);
        if (s.cut) {
            return SQLITE_IOERR_ACCESS;
        }
    }
    return s.real->xAccess(s.real, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs* /*vfs*/, const char* name, int n, char* out)
{
    return state().real->xFullPathname(state().real, name, n, out);
}

void* vfsDlOpen(sqlite3_vfs* /*vfs*/, const char* name)
{
    return state().real->xDlOpen(state().real, name);
}

void vfsDlError(sqlite3_vfs* /*vfs*/, int n, char* out)
{
    state().real->xDlError(state().real, n, out);
}

void (*vfsDlSym(sqlite3_vfs* /*vfs*/, void* handle, const char* symbol))(void)
{
    return state().real->xDlSym(state().real, handle, symbol);
}

void vfsDlClose(sqlite3_vfs* /*vfs*/, void* handle)
{
    state().real->xDlClose(state().real, handle);
}

int vfsRandomness(sqlite3_vfs* /*vfs*/, int n, char* out)
{
    return state().real->xRandomness(state().real, n, out);
}

int vfsSleep(sqlite3_vfs* /*vfs*/, int micros)
{
    return state().real->xSleep(state().real, micros);
}

int vfsCurrentTime(sqlite3_vfs* /*vfs*/, double* out)
{
    return state().real->xCurrentTime(state().real, out);
}

int vfsGetLastError(sqlite3_vfs* /*vfs*/, int n, char* out)
{
    return state().real->xGetLastError(state().real, n, out);
}

int vfsCurrentTimeInt64(sqlite3_vfs* /*vfs*/, sqlite3_int64* out)
{
    return state().real->xCurrentTimeInt64(state().real, out);
}

// ---- image building ----

enum class Policy { DropAll, Prefix, Mix };

enum class Fate { Keep, Drop, Torn };

} // namespace

PowerLossVfs& PowerLossVfs::install()
{
    static PowerLossVfs instance;
    static const bool registered = [] {
        State& s = state();
        s.real = sqlite3_vfs_find(nullptr);
        if (s.real == nullptr || s.real->iVersion < 2) {
            return false;
        }
        sqlite3_vfs& v = s.vfs;
        v.iVersion = 2;
        v.szOsFile = static_cast<int>(sizeof(ShimFile)) + s.real->szOsFile;
        v.mxPathname = s.real->mxPathname;
        v.zName = kName;
        v.xOpen = vfsOpen;
        v.xDelete = vfsDelete;
        v.xAccess = vfsAccess;
        v.xFullPathname = vfsFullPathname;
        v.xDlOpen = vfsDlOpen;
        v.xDlError = vfsDlError;
        v.xDlSym = vfsDlSym;
        v.xDlClose = vfsDlClose;
        v.xRandomness = vfsRandomness;
        v.xSleep = vfsSleep;
        v.xCurrentTime = vfsCurrentTime;
        v.xGetLastError = vfsGetLastError;
        v.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        return sqlite3_vfs_register(&v, 0) == SQLITE_OK;
    }();
    (void)registered;
    return instance;
}

void PowerLossVfs::beginTrial(std::uint64_t cutAtOp)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    for (auto& [path, t] : s.files) {
        t->retired = true;
        t->durable = std::string();
        t->pending = std::vector<Op>();
        t->prior.reset();
        s.retired.push_back(std::move(t));
    }
    s.files.clear();
    s.cutAt = cutAtOp;
    s.ops = 0;
    s.seq = 0;
    s.firstDbWrite = 0;
    s.walRestart = 0;
    s.cut = false;
}

std::uint64_t PowerLossVfs::firstDatabaseWrite() const
{
    std::lock_guard lock(state().mutex);
    return state().firstDbWrite;
}

std::uint64_t PowerLossVfs::walRestart() const
{
    std::lock_guard lock(state().mutex);
    return state().walRestart;
}

void PowerLossVfs::cutNow()
{
    std::lock_guard lock(state().mutex);
    state().cut = true;
}

bool PowerLossVfs::isCut() const
{
    std::lock_guard lock(state().mutex);
    return state().cut;
}

std::uint64_t PowerLossVfs::operations() const
{
    std::lock_guard lock(state().mutex);
    return state().ops;
}

ImageStats PowerLossVfs::writeImage(const QString& dir, LossModel model, std::mt19937_64& rng, QString* error)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    ImageStats stats;
    auto chance = [&rng](double p) { return std::bernoulli_distribution(p)(rng); };

    Policy policy = Policy::DropAll;
    if (model == LossModel::Random) {
        const double r = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
        policy = r < 0.2 ? Policy::DropAll : (r < 0.5 ? Policy::Prefix : Policy::Mix);
    }
    // Prefix: the disk wrote the unsynced operations in issue order up to one of them, which it tore or lost.
    std::uint64_t firstLost = 0;
    if (policy == Policy::Prefix) {
        std::uint64_t lo = UINT64_MAX;
        std::uint64_t hi = 0;
        for (const auto& [path, t] : s.files) {
            for (const Op& op : t->pending) {
                lo = std::min(lo, op.seq);
                hi = std::max(hi, op.seq);
            }
        }
        firstLost = lo == UINT64_MAX ? 0 : std::uniform_int_distribution<std::uint64_t>(lo, hi + 1)(rng);
    }

    for (const auto& [path, tp] : s.files) {
        const Tracked& t = *tp;
        ++stats.files;
        stats.unsynced += static_cast<int>(t.pending.size());
        const QString target = QDir(dir).filePath(QFileInfo(QString::fromStdString(path)).fileName());

        bool undone = false; // the directory comes back as it was when last synced
        if (!t.entryDurable) {
            undone = model == LossModel::DropAll || (model == LossModel::Random && chance(0.5));
        }
        std::optional<std::string> content;
        if (undone) {
            ++stats.vanished;
            stats.dropped += static_cast<int>(t.pending.size());
            content = t.prior;
        } else if (t.exists) {
            std::string bytes = t.durable;
            bool lostEarlier = false;
            for (const Op& op : t.pending) {
                Fate fate = Fate::Keep;
                if (model == LossModel::DropAll) {
                    fate = Fate::Drop;
                } else if (model == LossModel::Random) {
                    switch (policy) {
                    case Policy::DropAll:
                        fate = Fate::Drop;
                        break;
                    case Policy::Prefix:
                        fate = op.seq < firstLost ? Fate::Keep
                                                  : (op.seq == firstLost && chance(0.5) ? Fate::Torn : Fate::Drop);
                        break;
                    case Policy::Mix: {
                        const double r = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
                        fate = r < 0.45 ? Fate::Keep : (r < 0.8 ? Fate::Drop : Fate::Torn);
                        break;
                    }
                    }
                }
                if (fate == Fate::Torn && op.truncate) {
                    fate = chance(0.5) ? Fate::Keep : Fate::Drop; // a truncation happens or not
                }
                switch (fate) {
                case Fate::Keep:
                    ++stats.kept;
                    applyWhole(bytes, op);
                    if (lostEarlier) {
                        stats.reordered = 1;
                    }
                    break;
                case Fate::Drop:
                    ++stats.dropped;
                    lostEarlier = true;
                    break;
                case Fate::Torn: {
                    ++stats.torn;
                    const auto parts = pieces(op);
                    std::vector<bool> keep(parts.size(), false);
                    if (policy == Policy::Prefix) {
                        const auto n = parts.empty()
                            ? std::size_t{0}
                            : std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng);
                        std::fill(keep.begin(), keep.begin() + static_cast<std::ptrdiff_t>(n), true);
                    } else {
                        for (std::size_t i = 0; i < keep.size(); ++i) {
                            keep[i] = chance(0.5);
                        }
                    }
                    if (lostEarlier && std::find(keep.begin(), keep.end(), true) != keep.end()) {
                        stats.reordered = 1;
                    }
                    applyTorn(bytes, op, keep);
                    lostEarlier = true;
                    break;
                }
                }
            }
            content = std::move(bytes);
        }
        if (!content) {
            continue; // no such file after the power came back
        }
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || out.write(content->data(), static_cast<qint64>(content->size()))
                != static_cast<qint64>(content->size())) {
            *error = QStringLiteral("cannot write the image file %1: %2").arg(target, out.errorString());
            stats.files = -1;
            return stats;
        }
    }
    return stats;
}

bool PowerLossVfs::modelMatchesDisk(QString* why)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    for (const auto& [path, t] : s.files) {
        const bool onDisk = QFileInfo::exists(QString::fromStdString(path));
        if (!t->exists) {
            if (onDisk) {
                *why = QStringLiteral("%1 was deleted but is on disk").arg(QString::fromStdString(path));
                return false;
            }
            continue;
        }
        std::string expected = t->durable;
        for (const Op& op : t->pending) {
            applyWhole(expected, op);
        }
        std::string actual;
        if (!readWholeFile(path, &actual)) {
            *why = QStringLiteral("%1 is missing on disk").arg(QString::fromStdString(path));
            return false;
        }
        if (actual != expected) {
            *why = QStringLiteral("%1: the model has %2 bytes, the disk %3 (or the bytes differ)")
                       .arg(QString::fromStdString(path))
                       .arg(expected.size())
                       .arg(actual.size());
            return false;
        }
    }
    return true;
}

} // namespace galvani::test::powerloss
