/** The value below which `p` percent of the (ascending) sample falls: nearest-rank, as latency reports use. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function ascending(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.POSITIVE_INFINITY;
}

export async function waitUntil(done: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` on `clients` concurrent loops until `until()` says stop; returns each call's latency in ms. */
export async function closedLoop(clients: number, until: () => boolean, work: (client: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (!until()) {
        const started = performance.now();
        await work(client);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}
