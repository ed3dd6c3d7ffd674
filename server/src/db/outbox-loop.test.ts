/** The outboxes' shared loop without a database: the back-off, and the worker's passes never overlapping. */
import { describe, expect, it } from 'vitest';
import { exponentialBackoff, startOutboxWorker } from './outbox-loop.ts';

describe('exponentialBackoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const b = exponentialBackoff(30_000, 3600_000);
    expect([0, 1, 2, 3, 8, 20].map(b)).toEqual([30_000, 30_000, 60_000, 120_000, 3600_000, 3600_000]);
  });
});

describe('startOutboxWorker', () => {
  it('runs one pass at a time, passes again when woken during one or when told to, and stop waits for the pass', async () => {
    let active = 0;
    let most = 0;
    let passes = 0;
    let release: () => void = () => undefined;
    const worker = startOutboxWorker({
      pass: async () => {
        active++;
        most = Math.max(most, active);
        passes++;
        if (passes === 1) await new Promise<void>((r) => (release = r));
        active--;
        return passes;
      },
      again: (n) => n === 2, // the second pass asks for a third at once
      onError: () => undefined,
      intervalMs: 3600_000,
    });
    worker.wake();
    worker.wake(); // during the first pass: one more after it
    release();
    await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect({ passes, most }).toEqual({ passes: 3, most: 1 });
  });
});
