/**
 * One process owns an embedded DATA_DIR at a time: PGlite files opened by two processes would be
 * corrupted. The lock file holds the owner's pid; a lock left by a dead process is taken over.
 *
 * The file is created atomically with its content (written aside, then hard-linked into place), so
 * nobody ever reads a half-written lock; a stale lock is moved aside before it is replaced, so two
 * processes taking over the same stale lock cannot both win. Within one process the lock is not
 * re-entrant: opening the same directory twice is refused as well.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = 'nq57.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${ownerPid} sử dụng (có thể máy chủ nq57 đang chạy). ` +
        'Hãy dừng tiến trình đó hoặc dùng DATABASE_URL để nhiều tiến trình cùng dùng PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Lock files held by this process (resolved paths). */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): { text: string; pid: number } | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return { text, pid: Number.parseInt(text.trim(), 10) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Creates `file` holding our pid, atomically; false when it already exists. */
function tryCreate(file: string): boolean {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temp, `${process.pid}\n`);
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Removes a lock judged stale, unless someone replaced it meanwhile. */
function removeStale(file: string, staleText: string): void {
  const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  let movedText: string | null = null;
  try {
    movedText = fs.readFileSync(aside, 'utf8');
  } catch {}
  if (movedText !== staleText) {
    // We moved a fresh lock taken by another process after we looked: put it back.
    try {
      fs.linkSync(aside, file);
    } catch {}
  }
  fs.rmSync(aside, { force: true });
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  if (held.has(file)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file)) {
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {}
      };
      process.on('exit', release);
      return release;
    }
    const owner = readOwner(file);
    if (!owner) continue;
    // Our own pid in the file without holding it means a previous incarnation (e.g. pid 1 in a
    // restarted container) left it behind.
    if (Number.isFinite(owner.pid) && owner.pid > 0 && owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new DataDirLockedError(dataDir, owner.pid);
    }
    removeStale(file, owner.text);
  }
  throw new Error(`Không lấy được khóa thư mục dữ liệu ${dataDir}: có tiến trình khác đang tranh khóa.`);
}
