import { BUILT_IN_SERVICE_TYPES, LANGUAGES } from '@app/shared';
import { defaultCadence } from './default-cadences.js';
import { typicalSms } from './sms-length.js';

const typicalSmsSegments = (...args: Parameters<typeof typicalSms>) => typicalSms(...args).segments;

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

  it('keeps every built-in SMS within the default limit of 2, in each language', () => {
    for (const serviceType of BUILT_IN_SERVICE_TYPES) {
      for (const step of defaultCadence(serviceType)!) {
        for (const language of LANGUAGES) {
          const segments = typicalSmsSegments(step.template[language]!.sms, clinic, language);
          if (segments > 2) throw new Error(`${serviceType} ${step.key} (${language}): ${segments} segments`);
        }
      }
    }
  });

  it('counts a French text with the French opt-out hint and French dates', () => {
    const text = '{{clinicName}} : rendez-vous le {{appointmentDate}} à {{appointmentTime}}.';
    const sent = `${clinic.name} : rendez-vous le mercredi 25 novembre 2026 à 10 h 30.\nRépondez ARRET pour vous désabonner`;
    expect(typicalSms(text, clinic, 'fr')).toEqual({ encoding: 'GSM-7', units: sent.length, segments: 1 });
    expect(typicalSms(`${text} À bientôt!`, clinic, 'fr')).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });
});
