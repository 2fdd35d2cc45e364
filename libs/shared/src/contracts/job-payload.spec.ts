import { UnrecoverableError } from 'bullmq';
import { FlareUpEvent, SendFollowupJob } from './queues.js';
import { parseJobPayload } from './job-payload.js';

const id = '0b8f1c2e-0000-4000-8000-000000000001';

describe('parseJobPayload', () => {
  it('gives back the payload as its contract class', async () => {
    const job = await parseJobPayload(SendFollowupJob, { followupId: id, version: 2 });
    expect(job).toBeInstanceOf(SendFollowupJob);
    expect(job).toEqual({ followupId: id, version: 2 });
  });

  it('fails for good, naming what is wrong', async () => {
    const failure = parseJobPayload(SendFollowupJob, { followupId: 'nope', version: 0 });
    await expect(failure).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failure).rejects.toThrow(/^malformed job: .*followupId must be a UUID.*version must not be less than 1/);
    await expect(parseJobPayload(FlareUpEvent, null)).rejects.toThrow('malformed job: payload is not an object');
    await expect(parseJobPayload(FlareUpEvent, 'text')).rejects.toThrow('malformed job: payload is not an object');
  });
});
