import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A clinic's number as its patient would write it: national format ("(514) 555-0100") when the
 * patient's number shares the clinic's country calling code, international ("+1 514 555 0100")
 * otherwise. Sharing the calling code is what makes the national form dialable: the whole North
 * American Numbering Plan (+1) dials "(514) 555-0100" the same way from Canada or the US. A
 * patient without a number (email only) is taken to be local. The stored value stays E.164; a
 * value libphonenumber cannot read is shown as stored.
 */
export function formatPhoneForPatient(clinicPhone: string, patientPhone?: string | null): string {
  const clinic = parsePhoneNumberFromString(clinicPhone);
  if (!clinic?.isPossible()) return clinicPhone;
  const patient = patientPhone ? parsePhoneNumberFromString(patientPhone) : undefined;
  const local = !patient || patient.countryCallingCode === clinic.countryCallingCode;
  return local ? clinic.formatNational() : clinic.formatInternational();
}
