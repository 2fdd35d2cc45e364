import { Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKey, Database } from '@app/shared';
import type { Actor } from '../auth/actor.js';
import { ApiKeyCache } from '../auth/api-key-cache.js';
import { generateApiKey, hashApiKey } from '../api-key.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export function toApiKeyView(key: ApiKey) {
  return { id: key.id, name: key.name, lastFour: key.lastFour, createdAt: key.createdAt, revokedAt: key.revokedAt };
}

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

/** Keys for a clinic's booking-system integrations: made, listed (last four characters) and revoked. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly cache: ApiKeyCache,
    private readonly audit: AuditService,
  ) {}

  /** The key is answered once; only its SHA-256 and last four characters are kept. */
  async create(clinicId: string, actor: Actor, name: string, tx?: Executor) {
    const secret = generateApiKey();
    const key = await this.keys.create({ clinicId, name, keyHash: hashApiKey(secret), lastFour: secret.slice(-4) }, tx);
    const view = toApiKeyView(key);
    await this.audit.record(
      clinicId,
      actor,
      { action: 'api-key.create', subjectType: 'api-key', subjectId: key.id, before: null, after: view },
      tx,
    );
    return { ...view, key: secret };
  }

  list(clinicId: string, limit: number, afterId?: string): Promise<ApiKey[]> {
    return this.keys.list(clinicId, limit, afterId);
  }

  /** The key stops working at once, in this scheduler and (over Redis) the others. */
  async revoke(clinicId: string, actor: Actor, id: string) {
    const before = await this.keys.find(clinicId, id);
    if (!before) throw new NotFoundException(`API key ${id} not found`);
    const revoked = (await this.keys.revoke(clinicId, id))!;
    await this.cache.forgetKey(id);
    if (!before.revokedAt) {
      await this.audit.record(clinicId, actor, {
        action: 'api-key.revoke',
        subjectType: 'api-key',
        subjectId: id,
        before: toApiKeyView(before),
        after: toApiKeyView(revoked),
      });
    }
    return toApiKeyView(revoked);
  }
}
