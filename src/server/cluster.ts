/**
 * Several HTTP server processes on one port (node:cluster), for `vigia serve --workers N`.
 *
 * The primary does the one-off work (migrations, the demo load, the first administrator)
 * before any worker starts, then forks the workers and only supervises them: it hands out
 * connections round-robin, replaces a worker that dies, and stops them all on SIGINT/SIGTERM.
 * Each worker opens its own database connection(s) and runs the whole app. Nothing a request
 * depends on lives in one process's memory: sessions, tokens and the sign-in lockout are in
 * the database.
 */
import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once it is listening. */
interface ListeningMessage {
  vigia: 'listening';
  url: string;
}

const isListening = (m: unknown): m is ListeningMessage =>
  typeof m === 'object' && m !== null && (m as { vigia?: unknown }).vigia === 'listening' && typeof (m as { url?: unknown }).url === 'string';

/** True in a process forked by `runPrimary`. */
export const isClusterWorker = (): boolean => cluster.isWorker;

/** Called by a worker once it listens; the primary announces the server when all have. */
export function reportListening(url: string): void {
  process.send?.({ vigia: 'listening', url } satisfies ListeningMessage);
}

/**
 * Forks `count` workers (each re-runs this command line) and resolves with the URL once every
 * one of them is listening; rejects if a worker exits before that. `onWorkerExit` hears of
 * each worker that died while serving (the primary is the one that knows: import jobs it ran
 * are marked interrupted there).
 */
export function runPrimary(count: number, log: (line: string) => void = console.log, onWorkerExit?: (pid: number) => Promise<void>): Promise<string> {
  // Round-robin in the primary spreads connections evenly; the OS would favour one worker.
  cluster.schedulingPolicy = cluster.SCHED_RR;
  let stopping = false;
  let started = false;
  const ready = new Set<number>();

  return new Promise((resolve, reject) => {
    const fork = (): Worker => {
      const worker = cluster.fork();
      worker.on('message', (m: unknown) => {
        if (!isListening(m)) return;
        log(`worker ${worker.process.pid} listening`);
        ready.add(worker.id);
        if (!started && ready.size === count) {
          started = true;
          resolve(m.url);
        }
      });
      return worker;
    };
    cluster.on('exit', (worker, code, signal) => {
      ready.delete(worker.id);
      if (stopping) return;
      if (!started) {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        reject(new Error(`worker ${worker.process.pid} exited (${signal ?? code}) before the server started`));
        return;
      }
      log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      if (worker.process.pid !== undefined) void onWorkerExit?.(worker.process.pid);
      fork();
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      if (alive.length === 0) process.exit(0);
      let left = alive.length;
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) process.exit(0);
        });
        w.process.kill('SIGTERM');
      }
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (let i = 0; i < count; i++) fork();
  });
}
