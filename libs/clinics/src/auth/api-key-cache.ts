import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ApiKey, Clinic, RedisClient } from '@app/shared';
import { AuthRedis } from './auth-redis.js';

/** How long a key found in the database is trusted without asking again. */
export const API_KEY_CACHE_TTL_MS = 30_000;

interface Entry {
  key: ApiKey;
  clinic: Clinic;
  until: number;
}

/**
 * Keys found in the database, kept for a short while so a busy integration does not cost a lookup
 * per request. Only keys that were found are kept (a new key works at once). Revoking a key or
 * changing a clinic drops its entries here at once and, over Redis pub/sub, in every other
 * scheduler; a replica that missed the message (Redis down) drops it within the TTL.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly channel: string;
  private subscriber?: RedisClient;

  constructor(private readonly redis: AuthRedis) {
    this.channel = `${redis.prefix}:auth-cache-drop`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.connect();
    this.subscriber.on('message', (_channel, message: string) => this.dropLocally(message));
    await this.subscriber.subscribe(this.channel);
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }

  get(keyHash: string, now = Date.now()): Entry | undefined {
    const entry = this.entries.get(keyHash);
    if (entry && entry.until > now) return entry;
    this.entries.delete(keyHash);
    return undefined;
  }

  set(key: ApiKey, clinic: Clinic, now = Date.now()): void {
    this.entries.set(key.keyHash, { key, clinic, until: now + API_KEY_CACHE_TTL_MS });
  }

  /** A revoked key: gone here now, and from the other schedulers as soon as they hear of it. */
  async forgetKey(keyId: string): Promise<void> {
    await this.drop(`key:${keyId}`);
  }

  /** A clinic whose details changed: its keys are looked up again, so requests see the change. */
  async forgetClinic(clinicId: string): Promise<void> {
    await this.drop(`clinic:${clinicId}`);
  }

  private async drop(message: string): Promise<void> {
    this.dropLocally(message);
    await this.redis.client.publish(this.channel, message).catch((error: Error) => {
      this.logger.warn(`could not tell other schedulers to drop cached keys (${error.message}); they drop them within the TTL`);
    });
  }

  private dropLocally(message: string): void {
    const [kind, id] = message.split(':');
    for (const [hash, entry] of this.entries) {
      if ((kind === 'key' && entry.key.id === id) || (kind === 'clinic' && entry.clinic.id === id)) this.entries.delete(hash);
    }
  }
}
