import { ServiceUnavailableException } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import type { MessagePattern } from '@app/shared';
import { firstValueFrom, timeout } from 'rxjs';

/** One request/response to the notifier, which owns the data; a 503 naming `what` when it does not answer. */
export async function askNotifier<T>(notifier: ClientProxy, pattern: MessagePattern, request: object, what: string): Promise<T> {
  try {
    return await firstValueFrom(notifier.send<T>(pattern, request).pipe(timeout(5000)));
  } catch {
    throw new ServiceUnavailableException(`the notifier did not answer; ${what} is unavailable right now`);
  }
}
