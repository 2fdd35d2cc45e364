import type { Worker } from 'bullmq';

/** How long shutdown waits for jobs in hand before leaving them to the stalled-job check and the recovery sweep. */
export const SHUTDOWN_GRACE_MS = 15_000;

/** How long a worker's connection gets to say whether it is up. */
const CONNECTION_CHECK_MS = 200;

/** What `closeWorkers` did: `forced` names the workers closed without waiting for their jobs, and why. */
export interface WorkersClosed {
  forced: { worker: string; reason: 'redis-down' | 'grace-over' }[];
}

/**
 * SIGTERM for BullMQ workers: stop taking jobs and let the ones in hand finish within `graceMs`,
 * then close anyway (what they held comes back as stalled jobs).
 *
 * A worker whose Redis connection is down closes at once: BullMQ's close() waits for the
 * connection to come back, and after an outage ioredis may be in a back-off of up to 20 s, so a
 * service told to stop right after Redis returned sat out its whole shutdown budget and was
 * killed. A job in hand could not record its end without Redis anyway.
 */
export async function closeWorkers(workers: Worker[], graceMs = SHUTDOWN_GRACE_MS): Promise<WorkersClosed> {
  const forced: WorkersClosed['forced'] = [];
  await Promise.all(
    workers.map(async (worker) => {
      if (!(await connectionUp(worker))) {
        forced.push({ worker: worker.name, reason: 'redis-down' });
        await worker.close(true);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace-over'>((resolve) => (timer = setTimeout(() => resolve('grace-over'), graceMs)));
      const outcome = await Promise.race([worker.close(), graceOver]);
      clearTimeout(timer);
      if (outcome === 'grace-over') {
        forced.push({ worker: worker.name, reason: 'grace-over' });
        await worker.close(true);
      }
    }),
  );
  return { forced };
}

async function connectionUp(worker: Worker): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const unknown = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CONNECTION_CHECK_MS)));
  // The backend's client is a promise that settles once the first connection was made.
  const client = (await Promise.race([worker.getBackend().client.catch(() => undefined), unknown])) as { status?: string } | undefined;
  clearTimeout(timer);
  return client?.status === 'ready';
}
