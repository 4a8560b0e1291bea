// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <random>

namespace galvani::test::powerloss {

// What became of the writes that were not yet synced when the power went.
enum class LossModel {
    KeepAll, // every write reached the disk (a process kill, not a power cut): the reference with no fault
    DropAll, // nothing since each file's last fsync reached the disk, nor any unsynced directory change
    Random, // per image, one of: drop all; an in-order prefix with the next write torn; an independent mix of
            // kept, dropped and torn writes (later writes survive earlier lost ones: reordering)
};

// What one post-power-loss image was made of.
struct ImageStats {
    int files = 0; // database, WAL and journal files the model tracked
    int unsynced = 0; // writes and truncations not yet synced at the cut
    int kept = 0;
    int dropped = 0;
    int torn = 0; // writes of which only some 512-byte sectors reached the disk
    int reordered = 0; // 1 when a later write survived while an earlier one of the same file was lost
    int vanished = 0; // files created (or deleted) without a synced directory entry that came back as before
};

// A SQLite VFS, registered as kName, that wraps the default VFS ("unix") and models power loss.
//
// It tracks every main database, WAL and rollback-journal file opened through it: the content as of the file's
// last xSync (the durable image) and, in order, the writes and truncations since then. Directory entries are
// tracked too: a file created during the trial is durable only after its first xSync when it is a WAL or journal
// (the unix VFS fsyncs the directory then) and never otherwise; a deletion is durable only when SQLite asks for a
// directory sync. The -shm file is not tracked (its content is lost at power-off by definition).
//
// Counted I/O operations are xWrite, xTruncate and xSync of tracked files and xDelete. When the counter reaches the
// armed cut point the power goes: that operation and every later read, write, sync, size query and delete of any
// file opened through the VFS fail with an I/O error and change nothing on disk (locks and shared memory still
// work, so the app's connections can be closed). writeImage() then builds what a restarted machine would find.
//
// xSync is not passed down: durability is the model's business, and the real disk never loses power here (the
// trial files are scratch), so skipping the real fsync only makes trials faster.
//
// Thread affinity: any thread (one mutex), but trials are driven from one thread. Ownership: a process-wide
// singleton, registered once and never unregistered.
class PowerLossVfs {
public:
    static constexpr const char* kName = "galvani_powerloss";

    // Registers the VFS with SQLite (once per process) and returns it. SQLite must be the library that Qt's
    // QSQLITE driver uses (the system libsqlite3), so that connections Qt opens can select it by name.
    static PowerLossVfs& install();

    // Starts a trial: forgets every tracked file and resets the counter. cutAtOp: the 1-based counted operation
    // that fails first (the power goes just before it); 0 = only when cutNow() is called.
    void beginTrial(std::uint64_t cutAtOp);
    // The power goes now (if it has not yet).
    void cutNow();
    [[nodiscard]] bool isCut() const;
    [[nodiscard]] std::uint64_t operations() const; // counted operations that succeeded in this trial
    // The counted operation (1-based) of this trial's first write to a main database file — in WAL mode the start
    // of a checkpoint — or 0 when there was none.
    [[nodiscard]] std::uint64_t firstDatabaseWrite() const;
    // The counted operation of the first WAL header write after that (the WAL restarting from its beginning), or 0.
    [[nodiscard]] std::uint64_t walRestart() const;

    // Writes the tracked files as the machine would find them after the power came back, into `dir` (same file
    // names, no -shm). Returns what the image was made of; sets *error and returns nullopt-equivalent stats with
    // files = -1 when a file cannot be written.
    [[nodiscard]] ImageStats writeImage(const QString& dir, LossModel model, std::mt19937_64& rng, QString* error);

    // Self-check of the model: every tracked file's durable image plus all of its pending writes equals the file
    // on disk, and files the model says were deleted are gone. Sets *why on a mismatch.
    [[nodiscard]] bool modelMatchesDisk(QString* why);

    PowerLossVfs(const PowerLossVfs&) = delete;
    PowerLossVfs& operator=(const PowerLossVfs&) = delete;

private:
    PowerLossVfs() = default;
};

} // namespace galvani::test::powerloss
