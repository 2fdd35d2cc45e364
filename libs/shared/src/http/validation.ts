import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
// The 400 shape is the one the request-shape check and the webhooks answer too.
import { badRequest, type FieldError } from './request-shape.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator starts messages with the property name; the field says it already.
      reason: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates every body and query against its DTO; unknown fields are refused, not dropped. */
/**
 * A request with no body, or one no parser read (another content type), is validated as `{}`, so
 * its required fields are named in a 400; left undefined it reached the handler (a 500).
 */
class BodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'body' && (value === undefined || value === null) ? {} : value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}

/**
 * One item of a batch checked as its own request body would be (same rules: unknown fields
 * refused), so one bad item is reported without refusing the others. Fields are named within the
 * item (`startsAt`, `consent.sms`).
 */
export async function validateItem<T extends object>(
  type: ClassConstructor<T>,
  item: unknown,
): Promise<{ value: T } | { errors: FieldError[] }> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { errors: [{ field: 'item', reason: 'must be an object' }] };
  const value = plainToInstance(type, item);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length > 0 ? { errors: flatten(errors) } : { value };
}
