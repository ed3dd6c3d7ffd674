/** For `danvan serve`: the national sync worker (the DANVAN_NATIONAL_SYNC_URL, _TOKEN, _INTERVAL_MS and _TIMEOUT_MS settings); events queue up even when it is off. */
import type { AppContext } from '../../context.ts';
import { readNationalSyncConfig } from './config.ts';
import { setNationalSyncWaker } from './enqueue-sync.ts';
import { startNationalSyncWorker, type SyncLog } from './run-sync.ts';

export function startNationalSync(ctx: AppContext, env: NodeJS.ProcessEnv, log: SyncLog): () => Promise<void> {
  const config = readNationalSyncConfig(env);
  if (!config.url || config.intervalMs === 0) return async () => undefined;
  const worker = startNationalSyncWorker(ctx, config, log);
  setNationalSyncWaker(worker.wake);
  log.info({ endpoint: new URL(config.url).host, intervalMs: config.intervalMs }, 'national sync worker started');
  return async () => {
    setNationalSyncWaker(null);
    await worker.stop();
  };
}
