import { type DynamicModule, Global, Inject, Injectable, Module, ServiceUnavailableException, type Type } from '@nestjs/common';
import { type ClientProxy, ClientsModule } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import type { AppConfig } from '../config/environment.js';
import type { MessagePattern, NotifierAnswers, NotifierQuestions } from '../contracts/messages.js';
import { PrefixedRedisClient, transportEndpoint } from './prefixed-redis.js';

const NOTIFIER_PROXY = Symbol('NOTIFIER_PROXY');

/** How long the scheduler waits for the notifier before answering 503. */
const ANSWER_TIMEOUT_MS = 5000;

/**
 * The scheduler's one door to the notifier's request/response handlers (@nestjs/microservices over
 * Redis): each module's API asks for the records the notifier owns through it, typed by pattern.
 */
@Injectable()
export class NotifierClient {
  constructor(@Inject(NOTIFIER_PROXY) private readonly proxy: ClientProxy) {}

  /** The notifier's answer; a 503 naming `what` when it does not answer in time. */
  async ask<P extends MessagePattern>(pattern: P, request: NotifierQuestions[P], what: string): Promise<NotifierAnswers[P]> {
    try {
      return await firstValueFrom(this.proxy.send<NotifierAnswers[P]>(pattern, request).pipe(timeout(ANSWER_TIMEOUT_MS)));
    } catch {
      throw new ServiceUnavailableException(`the notifier did not answer; ${what} is unavailable right now`);
    }
  }
}

/** Registers the NotifierClient for the whole scheduler, on the deployment's prefixed channels. */
@Global()
@Module({})
export class NotifierClientModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: NotifierClientModule,
      imports: [
        ClientsModule.register([
          // The cast only bridges the status type parameter ClientRedis narrows; the class is a ClientProxy.
          {
            name: NOTIFIER_PROXY,
            customClass: PrefixedRedisClient as unknown as Type<ClientProxy>,
            options: { ...transportEndpoint(config), channelPrefix: config.queuePrefix, retryAttempts: 1000, retryDelay: 1000 },
          },
        ]),
      ],
      providers: [NotifierClient],
      exports: [NotifierClient],
    };
  }
}
