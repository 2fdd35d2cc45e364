export { CreateClinicDto, QuietHoursDto } from './clinic.dto.js';
export { ClinicsModule } from './clinics.module.js';
export { ClinicsService, type ClinicView } from './clinics.service.js';
export { AdminGuard, ClinicKeyGuard, CurrentClinic } from './guards.js';
export { type Actor, type AuthenticatedRequest, CurrentActor, OwnersOnly } from './auth/actor.js';
export { API_KEY_CACHE_TTL_MS, ApiKeyCache } from './auth/api-key-cache.js';
export { type AuditedChange, AuditService } from './audit/audit.service.js';
export { DEMO_OWNER_EMAIL, type DemoOwner, ensureDemoOwner } from './staff/demo-owner.js';
