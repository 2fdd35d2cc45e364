import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, type Clinic, sameSecret } from '@app/shared';
import type { Request } from 'express';
import { type Actor, type AuthenticatedRequest, OWNERS_ONLY } from './auth/actor.js';
import { ApiKeyCache } from './auth/api-key-cache.js';
import { hashApiKey } from './api-key.js';
import { parseCookies, SESSION_COOKIE } from './auth/cookies.js';
import { CredentialsRepository } from './auth/credentials.repository.js';
import { isSameOrigin } from './auth/same-origin.js';
import { SessionsService } from './auth/sessions.service.js';

export const CSRF_HEADER = 'x-csrf-token';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** `POST /v1/clinics` only: the operator's ADMIN_TOKEN. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = bearer(context.switchToHttp().getRequest<Request>());
    if (!this.config.adminToken || !token || !sameSecret(token, this.config.adminToken)) {
      throw new UnauthorizedException('a valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>)');
    }
    return true;
  }
}

/**
 * Everything under /v1 but clinic creation: a clinic's API key (`Authorization: Bearer`) or a
 * staff member's session cookie. The clinic found becomes the scope of the request and the key
 * or person its actor. A request on a session that changes something must carry the session's
 * CSRF token in `X-CSRF-Token` and come from this site (Origin, else Referer), else 403: the
 * cookie is sent by the browser on its own, the header and the origin prove the console sent it.
 * Handlers marked `@OwnersOnly()` refuse a `staff` member with 403.
 */
@Injectable()
export class ClinicKeyGuard implements CanActivate {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly cache: ApiKeyCache,
    private readonly sessions: SessionsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { clinic, actor, signedIn } = (await this.byKey(request)) ?? (await this.bySession(request));
    request.clinic = clinic;
    request.actor = actor;
    request.signedIn = signedIn;
    const ownersOnly = this.reflector.getAllAndOverride<boolean>(OWNERS_ONLY, [context.getHandler(), context.getClass()]);
    if (ownersOnly && actor.role !== 'owner') throw new ForbiddenException('only an owner of the clinic can do this');
    return true;
  }

  private async byKey(request: Request): Promise<{ clinic: Clinic; actor: Actor; signedIn?: undefined } | undefined> {
    const key = bearer(request);
    if (key === undefined) return undefined;
    const keyHash = hashApiKey(key);
    let found = this.cache.get(keyHash);
    if (!found) {
      const row = await this.credentials.findActiveKey(keyHash);
      if (!row) throw new UnauthorizedException('a valid clinic API key is required (Authorization: Bearer <key>)');
      this.cache.set(row.key, row.clinic);
      found = { ...row, until: 0 };
    }
    return { clinic: found.clinic, actor: { type: 'api-key', id: found.key.id, role: 'owner' } };
  }

  private async bySession(request: Request): Promise<{ clinic: Clinic; actor: Actor; signedIn: AuthenticatedRequest['signedIn'] }> {
    const token = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    const active = token ? await this.sessions.authenticate(token) : undefined;
    if (!active) {
      throw new UnauthorizedException('sign in, or send a clinic API key (Authorization: Bearer <key>)');
    }
    if (!READS.has(request.method)) {
      if (!isSameOrigin({ origin: request.headers.origin, referer: request.headers.referer, host: request.headers.host })) {
        throw new ForbiddenException('a signed-in change must come from the console of this site');
      }
      if (!sameSecret(request.header(CSRF_HEADER) ?? '', active.session.csrfToken)) {
        throw new ForbiddenException('a signed-in change needs the X-CSRF-Token header the session gave');
      }
    }
    const { staff, session, clinic } = active;
    return {
      clinic,
      actor: { type: 'staff', id: staff.id, role: staff.role, sessionTokenHash: session.tokenHash },
      signedIn: { staff, csrfToken: session.csrfToken },
    };
  }
}

export const CurrentClinic = createParamDecorator((_: unknown, context: ExecutionContext): Clinic => {
  return context.switchToHttp().getRequest<Request & { clinic: Clinic }>().clinic;
});
