import { fuzz, notifierRequests, schedulerRequests, summary } from './support/fuzz/api-fuzzer.js';
import { startFuzzTarget } from './support/fuzz/fuzz-target.js';

/**
 * The API fuzzer's short run (the full one is `npm run fuzz`, 20,000 requests): requests generated
 * from the scheduler's OpenAPI document for every operation, plus the notifier's webhooks and
 * unsubscribe links, with and without valid credentials, against the built services.
 */
describe('API fuzzer (short run)', () => {
  let started: Awaited<ReturnType<typeof startFuzzTarget>>;

  beforeAll(async () => {
    started = await startFuzzTarget();
  }, 180_000);

  afterAll(async () => {
    expect(await started.stop()).toBe(0);
  });

  it('gets no response of 500 or more and none slower than 2 s, from every operation, and leaves the services ready', async () => {
    const operations = [...schedulerRequests(started.document, started.target), ...notifierRequests(started.target)];
    // Every operation the document lists is fuzzed: the clinics, patients, appointments, plans, cadences, follow-ups, replies.
    expect(operations.map((o) => o.operation)).toEqual(
      expect.arrayContaining(['POST /v1/clinics', 'POST /v1/patients', 'PUT /v1/cadences/{serviceType}', 'POST /webhooks/twilio/inbound']),
    );
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const report = await fuzz(operations, { total: Number(process.env.FUZZ_REQUESTS ?? 1_200), seed, concurrency: 4, slowMs: 2_000 });
    process.stdout.write(`${summary(report)} (seed ${seed})\n`);
    expect(report.failures).toEqual([]);
    expect(report.errors5xx).toBe(0);
    expect(report.slow).toBe(0);
    expect(report.statuses['400']).toBeGreaterThan(0);
    expect((report.statuses['200'] ?? 0) + (report.statuses['201'] ?? 0)).toBeGreaterThan(0);
    expect(await started.healthy()).toBe(true);
  }, 600_000);
});
