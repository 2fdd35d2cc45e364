import { Coalescer } from './coalescer.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Coalescer', () => {
  it('sends a lone request at once, and the requests made meanwhile together in the next call', async () => {
    const calls: number[][] = [];
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const coalescer = new Coalescer<number, number>(async (requests) => {
      calls.push(requests);
      const gate = deferred<void>();
      gates.push(gate);
      await gate.promise;
      return requests.map((r) => r * 10);
    });
    const first = coalescer.load(1);
    expect(calls).toEqual([[1]]);
    const later = [coalescer.load(2), coalescer.load(3), coalescer.load(4)];
    expect(calls).toHaveLength(1);
    gates[0].resolve();
    expect(await first).toBe(10);
    await Promise.resolve();
    expect(calls).toEqual([[1], [2, 3, 4]]);
    gates[1].resolve();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('cuts batches at maxBatch and runs one batch at a time', async () => {
    const calls: number[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const coalescer = new Coalescer<number, number>(async (requests) => {
      calls.push(requests);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return requests;
    }, 2);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => coalescer.load(n)));
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toEqual([[1], [2, 3], [4, 5]]);
    expect(mostInFlight).toBe(1);
  });

  it('fails every request of a failed batch, and keeps serving the next ones', async () => {
    let fail = true;
    const coalescer = new Coalescer<number, number>(async (requests) => {
      if (fail) throw new Error('database down');
      return requests;
    });
    await expect(coalescer.load(1)).rejects.toThrow('database down');
    fail = false;
    expect(await coalescer.load(2)).toBe(2);
  });
});
