/** One of the API's field-level complaints (`400 {errors: [{field, reason}]}`). */
export interface FieldError {
  field: string;
  reason: string;
}

function isFieldError(value: unknown): value is FieldError {
  const error = value as Partial<FieldError> | null;
  return typeof error?.field === 'string' && typeof error.reason === 'string';
}

/** An answer that was not 2xx, with what the server said about it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(messageOf(status, body));
  }

  get fieldErrors(): FieldError[] {
    const errors = (this.body as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(errors) ? errors.filter(isFieldError) : [];
  }

  /** The reason given for one field (`steps.2.offset`), if any. */
  reasonFor(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.reason;
  }
}

function messageOf(status: number, body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.length > 0) return message.join('; ');
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (status >= 500) return 'The server could not do that just now. Try again in a moment.';
  return `The request was refused (${status}).`;
}

/** Unwraps an openapi-fetch answer: its data, or an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}
