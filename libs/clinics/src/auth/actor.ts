import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuditActorType, Clinic, StaffMember, StaffRole } from '@app/shared';
import type { Request } from 'express';

/**
 * Who is making a request. A booking system's API key acts for the whole clinic (as an owner
 * does); a signed-in person acts with their role.
 */
export type Actor =
  | { type: 'staff'; id: string; role: StaffRole; sessionTokenHash: string }
  | { type: 'api-key'; id: string; role: 'owner' }
  | { type: 'admin'; id: null; role: 'owner' };

export interface AuthenticatedRequest extends Request {
  clinic: Clinic;
  actor: Actor;
  /** The staff member and session, when the request came with a session cookie. */
  signedIn?: { staff: StaffMember; csrfToken: string };
}

/** For the audit log: the kind of actor and its id (staff member or key), never a secret. */
export function actorRef(actor: Actor): { actorType: AuditActorType; actorId: string | null } {
  return { actorType: actor.type, actorId: actor.id };
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
});

export const OWNERS_ONLY = 'carecadence:owners-only';

/** Staff management, API keys, clinic settings and the audit log: owners (and API keys) only, else 403. */
export const OwnersOnly = () => SetMetadata(OWNERS_ONLY, true);
