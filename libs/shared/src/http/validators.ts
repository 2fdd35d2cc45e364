import { isKnownTimeZone, MAX_OFFSET_DAYS, offsetWithinLimit, parseOffset } from '../time/offset.js';
import { createRequire } from 'node:module';
import { isValidPhoneNumber, type MetadataJson } from 'libphonenumber-js/core';
import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

export const E164 = /^\+[1-9]\d{6,14}$/;

/** A BCP 47 language tag as booking systems send them: `en`, `fr-CA`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

// The full metadata (number patterns per country, not only lengths), read as plain JSON so every
// loader (Node, Jest) takes it the same way.
const PHONE_METADATA = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json') as MetadataJson;

/** An IANA time zone name the runtime knows, e.g. `America/Toronto`; offsets such as `UTC+5` are not zones. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isKnownTimeZone(value),
        defaultMessage: () => '$property must be an IANA time zone such as America/Toronto',
      },
    },
    options,
  );
}

/**
 * A phone number written in E.164 that can exist: a country code in use and a number of the
 * length and shape that country's plan allows (libphonenumber's full metadata). `+99999999999`
 * has the E.164 shape but no country.
 */
export function IsE164(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isE164',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && E164.test(value) && isValidPhoneNumber(value, PHONE_METADATA),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && E164.test(args.value)
            ? '$property is not a valid phone number (no such country code or number length)'
            : '$property must be an E.164 phone number such as +15145550100',
      },
    },
    options,
  );
}

/** Text with at least one character that is not white space: a name of spaces names nobody. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || /\S/.test(value),
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}

/** Years a visit may be in. Outside them a date is a typo, and PostgreSQL and Date disagree on years before 100. */
export const APPOINTMENT_YEARS = { from: 1900, to: 2100 } as const;

/** ISO 8601 date-time with an explicit offset or Z, so nobody guesses which zone was meant. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Luxon refuses impossible calendar dates, Date refuses impossible offsets; both must agree. */
function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    ISO_WITH_OFFSET.test(value) &&
    DateTime.fromISO(value, { setZone: true }).isValid &&
    !Number.isNaN(new Date(value).getTime())
  );
}

function yearWithin(date: DateTime, years: { from: number; to: number }): boolean {
  return date.isValid && date.year >= years.from && date.year <= years.to;
}

/**
 * An ISO 8601 date-time with an explicit offset that names a real instant between 1900 and 2100:
 * the pattern alone lets through month 13, hour 25, 30 February or year 0000, which must be a 400,
 * not a 500 or another day.
 */
export function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantWithOffset',
      validator: {
        validate: (value: unknown) => isInstant(value) && yearWithin(DateTime.fromISO(value, { setZone: true }), APPOINTMENT_YEARS),
        defaultMessage: (args) =>
          isInstant(args?.value)
            ? `$property must be between ${APPOINTMENT_YEARS.from} and ${APPOINTMENT_YEARS.to}`
            : '$property must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00-05:00',
      },
    },
    options,
  );
}

/** A calendar day `YYYY-MM-DD` that exists, between 1900 and 2100. */
export function IsCalendarDay(options?: ValidationOptions): PropertyDecorator {
  const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value) : undefined);
  return ValidateBy(
    {
      name: 'isCalendarDay',
      validator: {
        validate: (value: unknown) => {
          const parsed = day(value);
          return parsed !== undefined && yearWithin(parsed, APPOINTMENT_YEARS);
        },
        defaultMessage: (args) =>
          day(args?.value)?.isValid
            ? `$property must be between ${APPOINTMENT_YEARS.from} and ${APPOINTMENT_YEARS.to}`
            : '$property must be a calendar day such as 2026-12-01',
      },
    },
    options,
  );
}

/** A cadence offset no farther than `MAX_OFFSET_DAYS` from its anchor (checked after the syntax). */
export function IsOffsetWithinLimit(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOffsetWithinLimit',
      validator: {
        // A malformed offset is the syntax check's to report, once.
        validate: (value: unknown) => typeof value !== 'string' || parseOffset(value) === undefined || offsetWithinLimit(value),
        defaultMessage: () => `$property must be at most ${MAX_OFFSET_DAYS} days before or after its anchor`,
      },
    },
    options,
  );
}

/** An absolute https address: booking pages and logos are shown to patients, never over plain http. */
export function IsHttpsUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpsUrl',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > 2000) return false;
          try {
            const url = new URL(value);
            return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be an https address such as https://book.example.com/riverside',
      },
    },
    options,
  );
}

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function IsHexColor(options?: ValidationOptions): PropertyDecorator {
  return Matches(HEX_COLOR, { message: '$property must be a colour #rrggbb such as #1f6f78', ...options });
}
