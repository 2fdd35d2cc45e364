import type { CadenceStep } from '@app/shared';
import { cadenceWarnings, stepWarnings } from './cadence-warnings.js';
import { defaultCadence } from './default-cadences.js';

const step: CadenceStep = {
  key: 'rebook-nudge',
  kind: 'rebook',
  anchor: 'plan.session-due',
  offset: '-P2D',
  channel: 'preferred',
  template: {
    fr: { subject: 'Prendre rendez-vous', email: 'Bonjour {{firstName}},\n\n{{bookingUrl}}', sms: 'Réserver : {{ bookingUrl }}' },
  },
};

describe('stepWarnings', () => {
  it('warns about a booking link the clinic has not set, once per step', () => {
    expect(stepWarnings(step, { bookingUrl: null })).toEqual([
      'step rebook-nudge uses {{bookingUrl}} but the clinic has no bookingUrl yet: lines naming it are left out until it is set (PATCH /v1/clinics/me)',
    ]);
  });

  it('says nothing once the clinic has one, or when the step does not use it', () => {
    expect(stepWarnings(step, { bookingUrl: 'https://book.example.com/riverside' })).toEqual([]);
    expect(stepWarnings({ ...step, template: { en: { subject: 's', email: 'e', sms: 's' } } }, { bookingUrl: null })).toEqual([]);
  });

  it('flags each default step that offers online booking for a clinic without a booking page', () => {
    const warned = cadenceWarnings(defaultCadence('medical-massage')!, { bookingUrl: null }).map((w) => w.split(' ')[1]);
    expect(warned).toEqual(['rebook-nudge', 'rebook-nudge-again', 'flareup-checkin-3w', 'flareup-checkin-3m']);
  });
});
