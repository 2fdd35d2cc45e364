import { followupJobId, followupJobs, inSendWindow } from './queues.js';

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
    expect(jobs[1].data).toEqual({ followupId: 'b', version: 2 });
    expect(inSendWindow(at(16), delivery, now)).toBe(false);
  });

  it('carries only what differs per job or must travel with it: retention is the worker’s', () => {
    const [job] = followupJobs([{ id: 'a', version: 1, sendAt: at(1) }], delivery, now);
    expect(Object.keys(job.opts).sort()).toEqual(['attempts', 'backoff', 'delay', 'jobId']);
  });
});
