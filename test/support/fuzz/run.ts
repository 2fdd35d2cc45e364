/**
 * `npm run fuzz`: the API fuzzer against the built services (see README, "API input rules").
 * FUZZ_REQUESTS (default 20000), FUZZ_SEED (default: the time), FUZZ_CONCURRENCY (default 4).
 * Exits 1 when any response is 500 or more, slower than 2 s, or the services are not healthy after.
 */
import { fuzz, notifierRequests, schedulerRequests, summary } from './api-fuzzer.js';
import { startFuzzTarget } from './fuzz-target.js';

const total = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 4);

const started = await startFuzzTarget();
try {
  const operations = [...schedulerRequests(started.document, started.target), ...notifierRequests(started.target)];
  console.log(`fuzzing ${operations.length} operations with ${total} requests (seed ${seed}, ${concurrency} at a time)`);
  const began = Date.now();
  const report = await fuzz(operations, { total, seed, concurrency, slowMs: 2_000 });
  const healthy = await started.healthy();
  for (const failure of report.failures) console.log(`  ${failure.status} in ${failure.ms} ms: ${failure.request}`);
  console.log(`statuses: ${JSON.stringify(report.statuses)}; ${Math.round(report.requests / ((Date.now() - began) / 1000))} requests/s`);
  console.log(`health after: ${healthy ? 'ready' : 'NOT READY'}`);
  console.log(summary(report));
  process.exitCode = report.errors5xx === 0 && report.slow === 0 && healthy ? 0 : 1;
} finally {
  const code = await started.stop();
  if (code !== 0) {
    console.log(`the services exited with ${code}:\n${started.service.output.slice(-20).join('')}`);
    process.exitCode = 1;
  }
}
