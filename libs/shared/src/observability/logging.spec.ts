import fc from 'fast-check';
import { loggablePath, scrubLogLine, scrubText } from './logging.js';

describe('scrubText', () => {
  it('masks email addresses and E.164 numbers in free text', () => {
    expect(scrubText('could not reach alex.tremblay@patients.test or +15145550111')).toBe('could not reach [email] or [phone]');
    expect(scrubText('number +1 (514) 555-0111 refused')).toBe('number [phone] refused');
  });

  it('drops the parameters a failed SQL statement prints', () => {
    expect(scrubText('Failed query: insert into "patients" ("first_name") values ($1)\nparams: Alex,Tremblay')).toBe(
      'Failed query: insert into "patients" ("first_name") values ($1)\nparams: [redacted]',
    );
  });

  it('keeps ids, job ids and timestamps readable', () => {
    const line =
      'followup 12345678-1234-4abc-8def-123456789012 job followup-12345678-1234-4abc-8def-123456789012-v2 at 2026-11-22T10:00:00.000Z';
    expect(scrubText(line)).toBe(line);
  });
});

describe('loggablePath', () => {
  it('keeps query keys, not their values', () => {
    expect(loggablePath('/v1/followups?patientId=abc&status=sent')).toBe('/v1/followups?patientId=…&status=…');
    expect(loggablePath('/v1/patients?email=alex%40patients.test')).toBe('/v1/patients?email=…');
  });

  it('hides the token of an unsubscribe link', () => {
    expect(loggablePath('/unsubscribe/tok_abc123?x=1')).toBe('/unsubscribe/[token]?x=…');
  });

  it('leaves plain paths alone', () => {
    expect(loggablePath('/v1/appointments/5f0c/complete')).toBe('/v1/appointments/5f0c/complete');
    expect(loggablePath(undefined)).toBe('');
  });
});

describe('scrubLogLine', () => {
  const failedInsert =
    'Failed query: insert into "patients" ("first_name", "email", "phone") values ($1, $2, $3)\nparams: Zebulon,zeb@patients.test,+15145550187';

  it('drops SQL parameters from msg and err.message of a JSON line, and keeps it JSON', () => {
    const line = JSON.stringify({ level: 50, err: { message: failedInsert }, msg: failedInsert }) + '\n';
    const scrubbed = scrubLogLine(line);
    expect(scrubbed).not.toMatch(/Zebulon|zeb@patients|5550187/);
    const parsed = JSON.parse(scrubbed);
    expect(parsed.msg).toBe(
      'Failed query: insert into "patients" ("first_name", "email", "phone") values ($1, $2, $3)\nparams: [redacted]',
    );
    expect(parsed.err.message).toBe(parsed.msg);
  });

  it('drops the value PostgreSQL quotes back from a refused input', () => {
    const line = JSON.stringify({ msg: 'invalid input syntax for type uuid: "Marguerite"' });
    expect(JSON.parse(scrubLogLine(line)).msg).toBe('invalid input syntax for type uuid: [value]');
  });

  it('masks addresses and numbers anywhere in a line, and the line stays valid JSON whatever surrounds them', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', ' ', ',', ':', '.', '\u00e9', '{', '}') });
    fc.assert(
      fc.property(text, text, fc.constantFrom('zeb@patients.test', '+15145550187', 'params: Zebulon'), (before, after, secret) => {
        const line = JSON.stringify({ msg: `${before}${secret}${after}`, nested: { value: `${before} ${secret}` } });
        const scrubbed = scrubLogLine(line);
        expect(() => JSON.parse(scrubbed)).not.toThrow();
        expect(scrubbed).not.toMatch(/zeb@patients|5550187|Zebulon/);
      }),
    );
  });
});
