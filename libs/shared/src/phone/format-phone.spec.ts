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
    ['a Kazakh patient of a Canadian clinic (+7: no code begins another)', '+15145550100', '+77012345678', '+1 514 555 0100'],
    ['a Russian patient of a Russian clinic', '+74951234567', '+79161234567', '8 (495) 123-45-67'],
    ['a Canadian patient of a Barbados clinic (+1 246)', '+12464301234', '+15145550111', '(246) 430-1234'],
  ])('%s', (_, clinicPhone, patientPhone, expected) => {
    expect(formatPhoneForPatient(clinicPhone, patientPhone)).toBe(expected);
  });

  it('shows what it cannot read as stored', () => {
    expect(formatPhoneForPatient('front-desk@riverside.test', '+15145550111')).toBe('front-desk@riverside.test');
    expect(formatPhoneForPatient('+1', '+15145550111')).toBe('+1');
  });

  it('takes a patient number it cannot read as local, like one without a number', () => {
    expect(formatPhoneForPatient('+15145550100', 'not a number')).toBe('(514) 555-0100');
    expect(formatPhoneForPatient('+15145550100', '+99912345')).toBe('(514) 555-0100');
  });

  it('gives the same answers the second time, from its clinic forms', () => {
    expect(formatPhoneForPatient('+33142685300', '+33612345678')).toBe('01 42 68 53 00');
    expect(formatPhoneForPatient('+33142685300', '+15145550111')).toBe('+33 1 42 68 53 00');
    expect(formatPhoneForPatient('front-desk@riverside.test', null)).toBe('front-desk@riverside.test');
    expect(formatPhoneForPatient('front-desk@riverside.test', null)).toBe('front-desk@riverside.test');
  });
});
