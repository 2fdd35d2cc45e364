import {
  type CallHandler,
  ConflictException,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { badRequest, type Clinic } from '@app/shared';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { IdempotencyRepository } from './idempotency.repository.js';
import { requestHash } from './request-hash.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A first request still unanswered after this long is taken to have died with its process. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * How long a key and the answer kept for it last: long enough for any client's retries, short
 * enough that answers holding patients' details are not kept for good (IdempotencyPurge).
 */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/**
 * `Idempotency-Key` on a POST: the first request with a key is answered and its answer kept; a
 * retry with the same key and body gets that answer again (`Idempotent-Replayed: true`) and
 * creates nothing; the same key with another body is a 422. Only successful answers are kept, so
 * a request refused for bad input can be corrected and sent again under the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyRepository) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { clinic: Clinic }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) throw badRequest([{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);

    const clinicId = request.clinic.id;
    const hash = requestHash(request.method, `${request.baseUrl}${request.path}`, request.body);
    const claimed =
      (await this.keys.claim(clinicId, key, hash, new Date(Date.now() - IDEMPOTENCY_TTL_MS))) ||
      (await this.keys.takeOverAbandoned(clinicId, key, hash, new Date(Date.now() - ABANDONED_AFTER_MS)));
    if (!claimed) {
      const earlier = await this.keys.find(clinicId, key);
      if (earlier && earlier.requestHash !== hash) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'this Idempotency-Key was already used for a different request (method, path or body); use a new key for a new request',
        });
      }
      if (!earlier || earlier.status === null) {
        throw new ConflictException('a request with this Idempotency-Key is still being processed; retry in a moment');
      }
      response.status(earlier.status);
      response.setHeader('Idempotent-Replayed', 'true');
      return of(earlier.body);
    }

    return next.handle().pipe(
      mergeMap((body: unknown) => {
        const stored: unknown = JSON.parse(JSON.stringify(body ?? null));
        return from(this.keys.remember(clinicId, key, response.statusCode, stored).then(() => body));
      }),
      catchError((error: unknown) => from(this.keys.release(clinicId, key)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
