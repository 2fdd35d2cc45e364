import { parsePhoneNumberFromString } from 'libphonenumber-js';

interface ClinicForms {
  callingCode: string;
  national: string;
  international: string;
}

/** A clinic's two forms, by stored number: every message renders one, and a clinic has one number. */
const clinicForms = new Map<string, ClinicForms | null>();
/** A national chain has hundreds of numbers, not thousands; past this the cache starts over. */
const CLINIC_FORMS_KEPT = 2_000;

function formsOf(clinicPhone: string): ClinicForms | null {
  let forms = clinicForms.get(clinicPhone);
  if (forms !== undefined) return forms;
  const parsed = parsePhoneNumberFromString(clinicPhone);
  forms = parsed?.isPossible()
    ? { callingCode: parsed.countryCallingCode, national: parsed.formatNational(), international: parsed.formatInternational() }
    : null;
  if (clinicForms.size >= CLINIC_FORMS_KEPT) clinicForms.clear();
  clinicForms.set(clinicPhone, forms);
  return forms;
}

/**
 * Whether a patient's number shares this calling code; a number libphonenumber cannot read counts
 * as local. Calling codes are prefix-free (no code begins another), so a stored E.164 number that
 * starts with `+<code>` has that code without parsing it: parsing works out the country too, which
 * for +1 means trying some twenty countries' patterns, and it cost the notifier 2 % of its time.
 */
function sharesCallingCode(patientPhone: string, callingCode: string): boolean {
  if (patientPhone.startsWith(`+${callingCode}`)) return true;
  const patient = parsePhoneNumberFromString(patientPhone);
  return !patient || patient.countryCallingCode === callingCode;
}

/**
 * A clinic's number as its patient would write it: national format ("(514) 555-0100") when the
 * patient's number shares the clinic's country calling code, international ("+1 514 555 0100")
 * otherwise. Sharing the calling code is what makes the national form dialable: the whole North
 * American Numbering Plan (+1) dials "(514) 555-0100" the same way from Canada or the US. A
 * patient without a number (email only) is taken to be local. The stored value stays E.164; a
 * value libphonenumber cannot read is shown as stored.
 */
export function formatPhoneForPatient(clinicPhone: string, patientPhone?: string | null): string {
  const clinic = formsOf(clinicPhone);
  if (!clinic) return clinicPhone;
  const local = !patientPhone || sharesCallingCode(patientPhone, clinic.callingCode);
  return local ? clinic.national : clinic.international;
}
