import { ClientRedis, ServerRedis } from '@nestjs/microservices';
import { Cluster, type Redis } from 'ioredis';
import { type RedisEndpoint, type RedisSettings, redisOptionsFromUrl } from '../redis/redis.js';

/**
 * Nest's Redis request/response transport names its pub/sub channels after the message pattern
 * alone, so every deployment on one Redis (staging beside production, parallel test runs) would
 * answer each other's requests. These subclasses put the deployment's QUEUE_PREFIX in front of
 * every channel, so a scheduler only ever hears its own notifiers.
 *
 * Nest's transport makes plain ioredis clients only; on a Redis Cluster these subclasses make
 * ioredis `Cluster` clients instead. Pub/sub works there as on one server: a PUBLISH on any node
 * reaches subscribers on every node, and the cluster client re-subscribes on another node when
 * its subscriber's node fails. A question asked during that moment goes unanswered (the scheduler
 * answers 503 after its timeout): request/response is never durable, durable work rides BullMQ.
 */
export interface PrefixedRedisOptions extends RedisEndpoint {
  channelPrefix: string;
  /** Seed nodes of a Redis Cluster; the endpoint then gives only credentials and TLS. */
  clusterNodes?: { host: string; port: number }[];
  retryAttempts?: number;
  retryDelay?: number;
}

const channel = (prefix: string, pattern: string) => `${prefix}:${pattern}`;

/** The transport's options for the configured Redis (one server, or a cluster's seed nodes). */
export function transportEndpoint(settings: RedisSettings): RedisEndpoint & Pick<PrefixedRedisOptions, 'clusterNodes'> {
  return { ...redisOptionsFromUrl(settings.redisUrl), ...(settings.redisClusterNodes && { clusterNodes: settings.redisClusterNodes }) };
}

/** A lazily connecting cluster client that reconnects as Nest's retry options say. */
function clusterClient(
  endpoint: RedisEndpoint,
  nodes: { host: string; port: number }[],
  retry: (times: number) => number | undefined | void,
) {
  const { username, password, tls } = endpoint;
  return new Cluster(nodes, {
    lazyConnect: true,
    clusterRetryStrategy: (times) => retry(times) ?? null,
    redisOptions: { ...(username && { username }), ...(password && { password }), ...(tls && { tls }) },
  });
}

export class PrefixedRedisClient extends ClientRedis {
  private readonly channelPrefix: string;
  private readonly clusterNodes?: { host: string; port: number }[];
  private readonly endpoint: PrefixedRedisOptions;

  constructor(options: PrefixedRedisOptions) {
    const { channelPrefix, clusterNodes, ...redis } = options;
    super(redis);
    this.channelPrefix = channelPrefix;
    this.clusterNodes = clusterNodes;
    this.endpoint = options;
  }

  override async createClient(): Promise<Redis | Cluster> {
    if (!this.clusterNodes) return (await super.createClient()) as Redis;
    return clusterClient(this.endpoint, this.clusterNodes, (times) => this.createRetryStrategy(times));
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
  private readonly clusterNodes?: { host: string; port: number }[];
  private readonly endpoint: PrefixedRedisOptions;

  constructor(options: PrefixedRedisOptions) {
    const { channelPrefix, clusterNodes, ...redis } = options;
    super(redis);
    this.channelPrefix = channelPrefix;
    this.clusterNodes = clusterNodes;
    this.endpoint = options;
  }

  override async createRedisClient(): Promise<Redis | Cluster> {
    if (!this.clusterNodes) return (await super.createRedisClient()) as Redis;
    return clusterClient(this.endpoint, this.clusterNodes, (times) => this.createRetryStrategy(times));
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
