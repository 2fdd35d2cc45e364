import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '@app/shared';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import { ClinicsService } from '../clinics.service.js';
import { StaffRepository } from './staff.repository.js';
import { CredentialsRepository } from '../auth/credentials.repository.js';

export const DEMO_OWNER_EMAIL = 'owner@demo.carecadence.local';

export interface DemoOwner {
  email: string;
  password: string;
}

/**
 * In development only: a demo clinic with an owner who can sign in to the console, with a new
 * password each start (printed by the banner, kept nowhere else). Never under NODE_ENV=production
 * or test.
 */
export async function ensureDemoOwner(app: INestApplication, config: AppConfig): Promise<DemoOwner | undefined> {
  if (config.env !== 'development') return undefined;
  const password = randomBytes(12).toString('base64url');
  const existing = await app.get(CredentialsRepository).findStaffByEmail(DEMO_OWNER_EMAIL);
  if (existing) {
    await app.get(StaffRepository).setPassword(existing.id, await hashPassword(password));
  } else {
    await app.get(ClinicsService).create({
      name: 'Demo Clinic',
      timezone: 'America/Toronto',
      email: 'desk@demo.carecadence.local',
      owner: { email: DEMO_OWNER_EMAIL, name: 'Demo Owner', password },
    });
  }
  return { email: DEMO_OWNER_EMAIL, password };
}
