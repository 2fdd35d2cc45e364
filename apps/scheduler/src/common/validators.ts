import { isKnownTimeZone } from '@app/shared';
import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';

export const E164 = /^\+[1-9]\d{6,14}$/;

/** An IANA time zone the runtime knows, e.g. `America/Toronto`. */
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

export function IsE164(options?: ValidationOptions): PropertyDecorator {
  return Matches(E164, { message: '$property must be an E.164 phone number such as +15145550100', ...options });
}
