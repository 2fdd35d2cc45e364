import { followupJobId, followupJobs, followupOfJob, inSendWindow, withDeliveryRetries } from './queues.js';

const delivery = { attempts: 8, backoffMs: 5_000, sendWindowMs: 15 * 60_000 };
const now = Date.parse('2026-11-23T08:00:00Z');
const at = (minutes: number) => new Date(now + minutes * 60_000);

describe('follow-up jobs and the send window', () => {
  it('makes jobs only for follow-ups due within the window (overdue ones included), delayed to their time', () => {
    const rows = [
      { id: 'a', version: 1, sendAt: at(-5) },
      { id: 'b', version: 2, sendAt: at(10) },
      { id: 'c', version: 1, sendAt: at(15) },
      { id: 'd', version: 1, sendAt: at(16) },
      { id: 'e', version: 1, sendAt: at(60 * 24 * 30) },
    ];
    const jobs = followupJobs(rows, delivery, now);
    expect(jobs.map((job) => job.opts.jobId)).toEqual([followupJobId('a', 1), followupJobId('b', 2), followupJobId('c', 1)]);
    expect(jobs.map((job) => job.opts.delay)).toEqual([0, 10 * 60_000, 15 * 60_000]);
    expect(jobs[1].data).toEqual({ followup: 'b', version: 2 });
    expect(inSendWindow(at(16), delivery, now)).toBe(false);
  });

  it('carries only what differs per job: retries and retention are the worker’s', () => {
    const [job] = followupJobs([{ id: 'a', version: 1, sendAt: at(1) }], delivery, now);
    expect(
      Object.entries(job.opts)
        .filter(([, value]) => value !== undefined)
        .map(([key]) => key),
    ).toEqual(['jobId', 'delay']);
  });

  it('names a version of a follow-up by its id without dashes, a dot and the version', () => {
    expect(followupJobId('3dd0689f-182d-481f-8248-97ee99cdcb18', 12)).toBe('3dd0689f182d481f824897ee99cdcb18.12');
  });

  it('keeps every stored value of a job within 64 bytes, Redis’s limit for a compact hash', () => {
    const id = '3dd0689f-182d-481f-8248-97ee99cdcb18';
    const [job] = followupJobs([{ id, version: 99, sendAt: at(15) }], delivery, now);
    const storedOpts = JSON.stringify(job.opts);
    expect(storedOpts.length).toBeLessThanOrEqual(64);
    expect(JSON.stringify(job.data).length).toBeLessThanOrEqual(64);
  });
});

describe('withDeliveryRetries', () => {
  it('gives a job in hand its attempts and back-off, unless it carries its own', () => {
    const compact = { opts: { jobId: 'x', delay: 0 } as Record<string, unknown> };
    withDeliveryRetries(compact, delivery);
    expect(compact.opts).toMatchObject({ attempts: 8, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 } });
    const earlier = { opts: { attempts: 3, backoff: { type: 'fixed', delay: 1 } } };
    withDeliveryRetries(earlier, delivery);
    expect(earlier.opts).toEqual({ attempts: 3, backoff: { type: 'fixed', delay: 1 } });
  });
});

describe('followupOfJob', () => {
  it('names the follow-up of either payload, and nothing for anything else', () => {
    expect(followupOfJob({ followup: 'a', version: 1 })).toBe('a');
    expect(followupOfJob({ followupId: 'b', version: 1 })).toBe('b');
    expect(followupOfJob({ followup: 3 })).toBeUndefined();
    expect(followupOfJob(null)).toBeUndefined();
  });
});
