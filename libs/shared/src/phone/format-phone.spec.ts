import { formatPhoneForPatient } from './format-phone.js';

describe('formatPhoneForPatient', () => {
  it.each([
    ['a Canadian patient of a Canadian clinic', '+15145550100', '+15145550111', '(514) 555-0100'],
    ['a US patient of a Canadian clinic (one numbering plan)', '+15145550100', '+12125550111', '(514) 555-0100'],
    ['a UK patient of a Canadian clinic', '+15145550100', '+447700900123', '+1 514 555 0100'],
    ['a French patient of a French clinic', '+33142685300', '+33612345678', '01 42 68 53 00'],
    ['a Canadian patient of a French clinic', '+33142685300', '+15145550111', '+33 1 42 68 53 00'],
    ['a UK patient of a UK clinic', '+442079460000', '+447700900123', '020 7946 0000'],
    ['a patient without a number (email only)', '+15145550100', null, '(514) 555-0100'],
  ])('%s', (_, clinicPhone, patientPhone, expected) => {
    expect(formatPhoneForPatient(clinicPhone, patientPhone)).toBe(expected);
  });

  it('shows what it cannot read as stored', () => {
    expect(formatPhoneForPatient('front-desk@riverside.test', '+15145550111')).toBe('front-desk@riverside.test');
    expect(formatPhoneForPatient('+1', '+15145550111')).toBe('+1');
  });

  it('takes a patient number it cannot read as local, like one without a number', () => {
    expect(formatPhoneForPatient('+15145550100', 'not a number')).toBe('(514) 555-0100');
  });
});
