/**
 * Progress of a long import as the server sees it (reading the file, checking every row, writing), for the staff
 * page's progress bar: the page names the request with a random id (header `x-progress-id`) and polls
 * `getImportProgress` while the upload's request is running. Kept in this process's memory (one server process
 * per data dir, ADR 0003; behind several PostgreSQL-backed processes the poll may reach another process and
 * answer 404, which the page shows as the indeterminate bar). Only the user who started an import can read its
 * progress; entries are dropped 15 minutes after their last change.
 */
export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done' | 'failed';

export interface ImportProgress {
  phase: ImportPhase;
  /** Rows checked, or rows written (writing). */
  done: number;
  total: number;
  /** 0–100 over the whole import: checking is the first half, writing the second. */
  percent: number;
}

interface Entry extends ImportProgress {
  userId: string;
  touched: number;
}

const KEEP_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 2000;
const entries = new Map<string, Entry>();

function sweep(now: number) {
  for (const [k, e] of entries) if (now - e.touched > KEEP_MS) entries.delete(k);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export interface ProgressTracker {
  /** The import use cases' callback: `done` of `steps` where steps = 2 × rows (checking, then writing). */
  onProgress: (done: number, steps: number) => void;
  finish: (ok: boolean) => void;
}

const NOOP: ProgressTracker = { onProgress: () => {}, finish: () => {} };

export function trackImport(userId: string, id: string | undefined): ProgressTracker {
  if (!id) return NOOP;
  const now = Date.now();
  sweep(now);
  const key = `${userId}:${id}`;
  const entry: Entry = { userId, phase: 'reading', done: 0, total: 0, percent: 0, touched: now };
  entries.set(key, entry);
  return {
    onProgress: (done, steps) => {
      const rows = Math.max(0, Math.round(steps / 2));
      entry.total = rows;
      entry.phase = done < rows || rows === 0 ? 'checking' : 'writing';
      entry.done = entry.phase === 'checking' ? done : Math.min(rows, done - rows);
      entry.percent = steps > 0 ? Math.min(100, Math.floor((done / steps) * 100)) : 0;
      entry.touched = Date.now();
    },
    finish: (ok) => {
      entry.phase = ok ? 'done' : 'failed';
      if (ok) {
        entry.percent = 100;
        entry.done = entry.total;
      }
      entry.touched = Date.now();
    },
  };
}

export function readImportProgress(userId: string, id: string): ImportProgress | null {
  const e = entries.get(`${userId}:${id}`);
  if (!e || e.userId !== userId) return null;
  return { phase: e.phase, done: e.done, total: e.total, percent: e.percent };
}

/** Runs an import use case with its tracker, marking the end whatever happens. */
export async function withProgress<T>(tracker: ProgressTracker, run: (onProgress: ProgressTracker['onProgress']) => Promise<T>): Promise<T> {
  try {
    const out = await run(tracker.onProgress);
    tracker.finish(true);
    return out;
  } catch (err) {
    tracker.finish(false);
    throw err;
  }
}
