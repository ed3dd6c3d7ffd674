/**
 * A real `danvan serve` child process for the tests and benches that need one (kill -9, backup while serving,
 * federation between instances, the HTTP benches): a free port, the process started from the repository root,
 * `/healthz` polled until it answers, and a stop that waits for the exit. One copy instead of one per file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where bin/danvan.mjs is). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface ServeOptions {
  /** `--data-dir` (the PGlite data and the keys; with DATABASE_URL only the keys). */
  dataDir: string;
  /** More arguments after `serve --port … --data-dir …` (e.g. `--demo`). */
  args?: string[];
  /** The child's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Default: a free port. */
  port?: number;
  /** The checkout to run (default: this one; a bench compares with an earlier checkout). */
  cwd?: string;
  /** Node's own flags (e.g. `--cpu-prof`), before the script. */
  nodeArgs?: string[];
  /** Every chunk of stdout and stderr (then stdout is piped too); by default only stderr's last 4,000 characters are kept. */
  onOutput?: (chunk: string) => void;
  /** How long to wait for /healthz (default 300 s), and how often to ask (default 500 ms). */
  readyTimeoutMs?: number;
  pollMs?: number;
  /** Names the process in the errors. */
  name?: string;
}

export interface ServeProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** The last output kept (for an error message). */
  tail(): string;
  /** Sends `signal` (default SIGTERM) and waits for the exit; nothing when it has already exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** kill -9, and wait for the exit. */
  kill9(): Promise<void>;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Starts `danvan serve` and resolves when /healthz answers 2xx; rejects (with the output's tail) if it exits first or times out. */
export async function startServeProcess(o: ServeOptions): Promise<ServeProcess> {
  const port = o.port ?? (await freePort());
  const name = o.name ?? 'serve';
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), 'bin/danvan.mjs', 'serve', '--port', String(port), '--data-dir', o.dataDir, ...(o.args ?? [])], {
    cwd: o.cwd ?? REPO_ROOT,
    stdio: ['ignore', o.onOutput ? 'pipe' : 'ignore', 'pipe'],
    env: o.env ?? process.env,
  });
  let out = '';
  const collect = (c: Buffer) => {
    const s = c.toString();
    out = (out + s).slice(-4000);
    o.onOutput?.(s);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (exited(child)) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await done;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 300_000);
  for (;;) {
    if (exited(child)) throw new Error(`${name} exited: ${out}`);
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`${name} not ready: ${out}`);
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
  return { baseUrl, port, child, tail: () => out, stop, kill9: () => stop('SIGKILL') };
}
