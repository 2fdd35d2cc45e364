/**
 * `npm run chaos`: the fault-injection run against the built services (see README, "Fault-injection
 * run"). `-- --short` (or CHAOS_PROFILE=short) for the five-minute profile, which
 * test/chaos.e2e-spec.ts runs with CHAOS=1; the full one injects faults for 30 minutes. CHAOS_SEED replays a run; PostgreSQL from CHAOS_DATABASE_URL, else
 * TEST_DATABASE_URL, else the local server. Exits 1 when a check fails.
 */
import { PROFILES, runChaos } from './chaos.js';

const name = process.argv.includes('--short') || process.env.CHAOS_PROFILE === 'short' ? 'short' : 'full';
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const report = await runChaos({ ...PROFILES[name], seed });
process.exitCode = report.passed ? 0 : 1;
