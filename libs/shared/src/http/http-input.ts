import { type ArgumentsHost, Catch, HttpException, type INestApplication } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { badRequest, type FieldError, pathHasNullCharacter, requestShapeErrors } from './request-shape.js';

/**
 * Largest JSON or form body accepted. The largest valid request is a cadence of 20 steps, each
 * with a 10,000-character email, a 1,600-character SMS and a 200-character subject: 236,000
 * characters, which JSON may write as `\uXXXX` escapes of 6 bytes each, about 1.4 MB.
 */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Refuses, before any guard, interceptor or DTO sees it, what no endpoint accepts (see request-shape.ts). */
function checkRequestShape(req: Request, _res: Response, next: NextFunction): void {
  const errors: FieldError[] = [];
  if (pathHasNullCharacter(req.path)) errors.push({ field: 'path', reason: 'must not contain the null character (U+0000)' });
  errors.push(...requestShapeErrors(req.query, ''), ...requestShapeErrors(req.body, ''));
  next(errors.length > 0 ? badRequest(errors) : undefined);
}

function hasFieldErrors(response: string | object): boolean {
  return typeof response === 'object' && Array.isArray((response as { errors?: unknown }).errors);
}

/** What a refusal that names no field is about: the body as a whole (unreadable JSON, too large). */
function bodyError(exception: HttpException): FieldError {
  const status = exception.getStatus();
  if (status === 413) return { field: 'body', reason: `must not be larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MB` };
  if (status === 415) return { field: 'body', reason: 'must be JSON (application/json) in UTF-8' };
  if (exception.cause instanceof SyntaxError) return { field: 'body', reason: `must be valid JSON (${exception.cause.message})` };
  return { field: 'body', reason: exception.message };
}

/**
 * Every 400 (and 413, 415) answers `{errors: [{field, reason}]}`, including the ones thrown
 * before a DTO is involved: unreadable JSON, an oversized body, a refusal from a guard or service
 * that gave only a message. Other statuses keep Nest's own answer.
 */
@Catch(HttpException)
export class FieldErrorsFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const status = exception.getStatus();
    if (![400, 413, 415].includes(status) || hasFieldErrors(exception.getResponse())) return super.catch(exception, host);
    const error = bodyError(exception);
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(status)
      .json({ statusCode: status, error: statusText(status), message: [`${error.field} ${error.reason}`], errors: [error] });
  }
}

function statusText(status: number): string {
  return status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request';
}

/**
 * The input rules every HTTP service applies to every route, so fields added to any DTO get them
 * too: body size limit, null characters, prototype keys and nesting depth refused, every 400 in
 * the `{errors: [{field, reason}]}` shape. Call before `listen()`.
 */
export function guardHttpInput(app: INestApplication): void {
  const express = app as NestExpressApplication;
  // Registered before Nest's defaults, which then stand aside (one parser per type).
  express.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT_BYTES, extended: true });
  express.use(checkRequestShape);
  express.useGlobalFilters(new FieldErrorsFilter(express.getHttpAdapter()));
}
