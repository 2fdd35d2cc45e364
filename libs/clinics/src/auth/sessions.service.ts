import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Clinic, StaffMember } from '@app/shared';
import { createHash, randomBytes } from 'node:crypto';
import { CredentialsRepository } from './credentials.repository.js';
import { type ActiveSession, SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from './passwords.js';

/** A session nobody used for this long has expired. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Last use is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  staff: StaffMember;
  clinic: Clinic;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly credentials: CredentialsRepository,
    private readonly throttle: SignInThrottle,
  ) {}

  /** 401 for a wrong email or password (the same answer for both); 429 after too many failures. */
  async signIn(email: string, password: string, address: string): Promise<SignedIn> {
    await this.throttle.assertAllowed(email, address);
    const member = await this.credentials.findStaffByEmail(email);
    const matches = await verifyPassword(password, member?.passwordHash ?? (await UNKNOWN_ACCOUNT_HASH));
    if (!member || !matches) {
      await this.throttle.recordFailure(email, address);
      throw new UnauthorizedException('the email or the password is wrong');
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.sessions.deleteIdle(member.id, idleSince());
    const tokenHash = hashSessionToken(token);
    await this.sessions.create({ tokenHash, staffId: member.id, csrfToken });
    const { staff, clinic } = (await this.sessions.findActive(tokenHash, idleSince()))!;
    return { token, csrfToken, staff, clinic };
  }

  /** The session a cookie names, if it is still active; its last use moves forward. */
  async authenticate(token: string): Promise<ActiveSession | undefined> {
    const tokenHash = hashSessionToken(token);
    const active = await this.sessions.findActive(tokenHash, idleSince());
    if (active && Date.now() - active.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.sessions.touch(tokenHash);
    return active;
  }

  signOut(tokenHash: string): Promise<void> {
    return this.sessions.delete(tokenHash);
  }

  /** After a password change: every other browser of that person is signed out. */
  endOtherSessions(staffId: string, keepTokenHash: string): Promise<void> {
    return this.sessions.deleteOthers(staffId, keepTokenHash);
  }
}

function idleSince(): Date {
  return new Date(Date.now() - SESSION_IDLE_MS);
}
