import type { Patient } from '@app/shared';
import { chooseChannel, phoneTheTryMayHaveUsed } from './choose-channel.js';

const patient = (overrides: Partial<Patient>) =>
  ({
    email: 'ines@patients.test',
    phone: '+15146001234',
    consentEmail: true,
    consentSms: true,
    preferredChannel: null,
    ...overrides,
  }) as Patient;

describe('chooseChannel', () => {
  it('sends on the step channel when the patient consents and has the address', () => {
    expect(chooseChannel('sms', patient({}))).toEqual({ channel: 'sms', to: '+15146001234' });
    expect(chooseChannel('sms', patient({ consentSms: false }))).toEqual({ skip: 'opted-out' });
    expect(chooseChannel('email', patient({ email: null }))).toEqual({ skip: 'no-email' });
  });

  it('takes the other channel for a preferred step when the preferred one cannot be used', () => {
    expect(chooseChannel('preferred', patient({ preferredChannel: 'sms', consentSms: false }))).toEqual({
      channel: 'email',
      to: 'ines@patients.test',
    });
  });
});

describe('phoneTheTryMayHaveUsed', () => {
  it('is the patient’s number for a text, even after the patient opted out of texts', () => {
    expect(phoneTheTryMayHaveUsed({ channel: 'sms' }, patient({ consentSms: false }))).toBe('+15146001234');
    expect(phoneTheTryMayHaveUsed({ channel: 'preferred' }, patient({ preferredChannel: 'sms', consentSms: false }))).toBe('+15146001234');
  });

  it('is nothing when the try went by email or there is no number', () => {
    expect(phoneTheTryMayHaveUsed({ channel: 'email' }, patient({}))).toBeUndefined();
    expect(phoneTheTryMayHaveUsed({ channel: 'preferred' }, patient({ preferredChannel: 'email' }))).toBeUndefined();
    expect(phoneTheTryMayHaveUsed({ channel: 'sms' }, patient({ phone: null }))).toBeUndefined();
  });
});
