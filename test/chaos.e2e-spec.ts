import { PROFILES, runChaos } from './support/chaos/chaos.js';

// Part of the suite wherever PostgreSQL is (CI's included) since the full run passed its checks
// (README, "Fault-injection run"); CHAOS=0 leaves it out of a quick local run.
const postgres = process.env.TEST_DATABASE_URL && process.env.CHAOS !== '0' ? describe : describe.skip;

/**
 * The fault-injection run's short profile (README, "Fault-injection run"): the scheduler and two
 * notifiers as processes on PostgreSQL, behind TCP proxies, with 30 or more faults; every check
 * from the database and the fakes must hold. `npm run chaos` runs the full 30 minutes.
 */
postgres('the fault-injection run, short profile', () => {
  it('loses nothing, sends no SMS twice, nothing after a cancellation, a STOP or inside quiet hours, no cap exceeded', async () => {
    const lines: string[] = [];
    const report = await runChaos({ ...PROFILES.short, seed: Number(process.env.CHAOS_SEED ?? 12) }, (line) => lines.push(line));
    process.stdout.write(`${lines.join('\n')}\n`);
    expect(report.line).toMatch(/^chaos: faults=\d+ followups=\d+ lost=\d+ sms_dup=\d+ email_dup=\d+ after_cancel=\d+ cap_violations=\d+$/);
    expect(Object.values(report.faults).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
    expect(report.followups).toBeGreaterThanOrEqual(2_000);
    expect({ lost: report.lost, smsDup: report.smsDup, afterCancel: report.afterCancel, afterOptOut: report.afterOptOut }).toEqual({
      lost: 0,
      smsDup: 0,
      afterCancel: 0,
      afterOptOut: 0,
    });
    expect(report.quietViolations).toBe(0);
    expect(report.capViolations).toBe(0);
    expect(report.emailDup).toBeLessThanOrEqual(report.emailDupBound);
  }, 600_000);
});
