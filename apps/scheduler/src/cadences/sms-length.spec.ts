import { BUILT_IN_SERVICE_TYPES } from '@app/shared';
import { defaultCadence } from './default-cadences.js';
import { typicalSmsSegments } from './sms-length.js';

const clinic = { name: 'Riverside Massage & Acupuncture', phone: '+15145550100', email: 'front-desk@riverside.test' };

describe('typicalSmsSegments', () => {
  it('counts a short reminder as one segment, hint included', () => {
    expect(typicalSmsSegments('{{clinicName}}: see you {{appointmentDate}} at {{appointmentTime}}.', clinic)).toBe(1);
  });

  it('counts the clinic name the notifier puts in front of a text that does not name it', () => {
    const filler = 'x'.repeat(160 - ': '.length - clinic.name.length - '\nReply STOP to opt out'.length);
    expect(typicalSmsSegments(`{{clinicName}}: ${filler}`, clinic)).toBe(1);
    expect(typicalSmsSegments(filler, clinic)).toBe(1);
    expect(typicalSmsSegments(`${filler}x`, clinic)).toBe(2);
  });

  it('counts an emoji as switching the whole text to UCS-2', () => {
    const text = '{{clinicName}}: Hi {{firstName}}, thanks for coming in today! See you soon.';
    expect(typicalSmsSegments(text, clinic)).toBe(1);
    expect(typicalSmsSegments(`${text} 😊`, clinic)).toBe(2);
  });

  it('keeps every built-in SMS within the default limit of 2', () => {
    for (const serviceType of BUILT_IN_SERVICE_TYPES) {
      for (const step of defaultCadence(serviceType)!) {
        const segments = typicalSmsSegments(step.template.sms, clinic);
        if (segments > 2) throw new Error(`${serviceType} ${step.key}: ${segments} segments`);
      }
    }
  });
});
