import { UnrecoverableError } from 'bullmq';
import { FlareUpEvent, parseFollowupJob, SendFollowupJob } from './queues.js';
import { parseJobPayload } from './job-payload.js';

const id = '0b8f1c2e-0000-4000-8000-000000000001';

describe('parseJobPayload', () => {
  it('gives back the payload as its contract class', async () => {
    const job = await parseJobPayload(SendFollowupJob, { followup: id, version: 2 });
    expect(job).toBeInstanceOf(SendFollowupJob);
    expect(job).toEqual({ followup: id, version: 2 });
  });

  it('fails for good, naming what is wrong', async () => {
    const failure = parseJobPayload(SendFollowupJob, { followup: 'nope', version: 0 });
    await expect(failure).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failure).rejects.toThrow(/^malformed job: .*followup must be a UUID.*version must not be less than 1/);
    await expect(parseJobPayload(FlareUpEvent, null)).rejects.toThrow('malformed job: payload is not an object');
    await expect(parseJobPayload(FlareUpEvent, 'text')).rejects.toThrow('malformed job: payload is not an object');
  });
});

describe('parseFollowupJob', () => {
  it('reads today’s payload and the one jobs had before they were compact', async () => {
    expect(await parseFollowupJob({ followup: id, version: 2 })).toEqual({ followup: id, version: 2 });
    const earlier = await parseFollowupJob({ followupId: id, version: 3 });
    expect(earlier).toBeInstanceOf(SendFollowupJob);
    expect(earlier).toEqual({ followup: id, version: 3 });
  });

  it('names what is wrong in the form it was given', async () => {
    await expect(parseFollowupJob({ followupId: 'nope', version: 1 })).rejects.toThrow(/^malformed job: followupId must be a UUID$/);
    await expect(parseFollowupJob({ followup: id })).rejects.toThrow(/^malformed job: .*version must be an integer/);
    await expect(parseFollowupJob(null)).rejects.toThrow('malformed job: payload is not an object');
  });
});
