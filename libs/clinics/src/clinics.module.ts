import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { ApiKeyCache } from './auth/api-key-cache.js';
import { AuthRedis } from './auth/auth-redis.js';
import { CredentialsRepository } from './auth/credentials.repository.js';
import { SessionController } from './auth/session.controller.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { SessionsService } from './auth/sessions.service.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import { ClinicsController } from './clinics.controller.js';
import { ClinicsRepository } from './clinics.repository.js';
import { ClinicsService } from './clinics.service.js';
import { AdminGuard, ClinicKeyGuard } from './guards.js';
import { StaffController } from './staff/staff.controller.js';
import { StaffRepository } from './staff/staff.repository.js';
import { StaffService } from './staff/staff.service.js';

/**
 * Clinics and who may act for them: `POST /v1/clinics` (admin token), API keys for booking
 * systems, staff accounts and their sessions, the guards every other module's controllers use, and
 * the audit log every module writes to. Owns `clinics`, `api_keys`, `staff_members`,
 * `staff_sessions` and `audit_events`.
 */
@Module({
  controllers: [ClinicsController, SessionController, StaffController, ApiKeysController, AuditController],
  providers: [
    ClinicsRepository,
    ClinicsService,
    AdminGuard,
    ClinicKeyGuard,
    AuthRedis,
    ApiKeyCache,
    CredentialsRepository,
    SessionsRepository,
    SessionsService,
    SignInThrottle,
    StaffRepository,
    StaffService,
    ApiKeysRepository,
    ApiKeysService,
    AuditRepository,
    AuditService,
  ],
  exports: [ClinicsService, AdminGuard, ClinicKeyGuard, AuditService, ApiKeyCache, SessionsService, CredentialsRepository],
})
export class ClinicsModule {}
