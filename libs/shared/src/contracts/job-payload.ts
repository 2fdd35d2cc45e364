import { UnrecoverableError } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/**
 * Reads a job's payload as its contract class. A payload that does not fit fails the job for good
 * (`UnrecoverableError`, no retry) with `malformed job: <what is wrong>`, which the dashboard shows.
 */
export async function parseJobPayload<T extends object>(type: new () => T, data: unknown): Promise<T> {
  if (typeof data !== 'object' || data === null) throw new UnrecoverableError('malformed job: payload is not an object');
  const payload = plainToInstance(type, data);
  const errors = await validate(payload, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const reasons = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new UnrecoverableError(`malformed job: ${reasons.join('; ')}`);
  }
  return payload;
}
