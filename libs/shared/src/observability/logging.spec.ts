import { loggablePath, scrubText } from './logging.js';

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
    const line = 'followup 12345678-1234-4abc-8def-123456789012 job followup-12345678-1234-4abc-8def-123456789012-v2 at 2026-11-22T10:00:00.000Z';
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
