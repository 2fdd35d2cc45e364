import { randomUUID } from 'node:crypto';
import { followupPartition, followupPartitionPrefix } from './queues.js';

describe('partitions of the follow-ups queue', () => {
  it('puts a follow-up in the same partition every time, by a function that does not change', () => {
    const id = randomUUID();
    expect(new Set(Array.from({ length: 5 }, () => followupPartition(id, 16))).size).toBe(1);
    // A fixed value: changing the function would move every pending job (see README, Scaling out).
    expect(followupPartition('00000000-0000-4000-8000-000000000000', 16)).toBe(9);
    expect([1, 0].map((count) => followupPartition(randomUUID(), count))).toEqual([0, 0]);
  });

  it('spreads random follow-ups evenly over the partitions', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[followupPartition(randomUUID(), 16)]++;
    for (const count of counts) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1200);
    }
  });

  it('gives each partition a hash tag of its own, and one partition the prefix itself', () => {
    expect(followupPartitionPrefix('{carecadence}', 7, 16)).toBe('{carecadence-followups-7}');
    expect(followupPartitionPrefix('{cc}staging', 0, 2)).toBe('{cc-followups-0}staging');
    expect(followupPartitionPrefix('{carecadence}', 0, 1)).toBe('{carecadence}');
  });
});
