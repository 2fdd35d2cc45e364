import { DateTime } from 'luxon';
import type { Language } from './language.js';

export interface AppointmentTimeText {
  /** "Tuesday, November 24" · "mardi 24 novembre" (the year too when it is not this year's). */
  date: string;
  /** "10:00 a.m." · "10 h", "10 h 30". */
  time: string;
}

const DAY_AND_MONTH = { weekday: 'long', month: 'long', day: 'numeric' } as const;

/**
 * A visit's date and time as a patient reads them, in their time zone and language. The templates
 * put the words around them ("on … at …", "le … à …"). French times follow the Office québécois de
 * la langue française: "10 h", "10 h 30", where Intl would write "10 h 00".
 */
export function formatAppointmentTime(start: Date, zone: string, language: Language, locale: string, now: Date): AppointmentTimeText {
  const local = DateTime.fromJSDate(start, { zone }).setLocale(locale);
  const withYear = local.year !== DateTime.fromJSDate(now, { zone }).year;
  const date = local.toLocaleString(withYear ? { ...DAY_AND_MONTH, year: 'numeric' } : DAY_AND_MONTH);
  if (language === 'fr') {
    return { date, time: local.minute === 0 ? `${local.hour} h` : `${local.hour} h ${local.toFormat('mm')}` };
  }
  return { date, time: local.toLocaleString(DateTime.TIME_SIMPLE) };
}
