import { ClientRedis, ServerRedis } from '@nestjs/microservices';
import type { RedisEndpoint } from '../redis/redis.js';

/**
 * Nest's Redis request/response transport names its pub/sub channels after the message pattern
 * alone, so every deployment on one Redis (staging beside production, parallel test runs) would
 * answer each other's requests. These subclasses put the deployment's QUEUE_PREFIX in front of
 * every channel, so a scheduler only ever hears its own notifiers.
 */
export interface PrefixedRedisOptions extends RedisEndpoint {
  channelPrefix: string;
  retryAttempts?: number;
  retryDelay?: number;
}

const channel = (prefix: string, pattern: string) => `${prefix}:${pattern}`;

export class PrefixedRedisClient extends ClientRedis {
  private readonly channelPrefix: string;

  constructor(options: PrefixedRedisOptions) {
    const { channelPrefix, ...redis } = options;
    super(redis);
    this.channelPrefix = channelPrefix;
  }

  override getRequestPattern(pattern: string): string {
    return channel(this.channelPrefix, pattern);
  }

  override getReplyPattern(pattern: string): string {
    return `${channel(this.channelPrefix, pattern)}.reply`;
  }
}

export class PrefixedRedisServer extends ServerRedis {
  private readonly channelPrefix: string;

  constructor(options: PrefixedRedisOptions) {
    const { channelPrefix, ...redis } = options;
    super(redis);
    this.channelPrefix = channelPrefix;
  }

  /** The channel a handler listens on. */
  override getRequestPattern(pattern: string): string {
    return channel(this.channelPrefix, pattern);
  }

  /** Replies go to the request's own (already prefixed) channel plus `.reply`, where the client waits. */
  override getReplyPattern(requestChannel: string): string {
    return `${requestChannel}.reply`;
  }

  /** Messages arrive on prefixed channels; handlers are registered under the bare pattern. */
  override getHandlerByPattern(pattern: string) {
    const own = `${this.channelPrefix}:`;
    return super.getHandlerByPattern(pattern.startsWith(own) ? pattern.slice(own.length) : pattern);
  }
}
