import type { BullBoardModuleOptions } from '@bull-board/nestjs';
import type { DynamicModule } from '@nestjs/common';
import { type AppConfig, QueueName, sameSecret } from '@app/shared';
import type { NextFunction, Request, Response } from 'express';

export const DASHBOARD_ROUTE = '/admin/queues';

/** HTTP basic authentication against DASHBOARD_USER / DASHBOARD_PASSWORD. */
export function basicAuth(credentials: { user: string; password: string }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    const user = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    if (separator > 0 && sameSecret(user, credentials.user) && sameSecret(password, credentials.password)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="carecadence queues", charset="UTF-8"');
    res.status(401).json({ statusCode: 401, message: 'the queue dashboard needs the DASHBOARD_USER credentials' });
  };
}

/**
 * bull-board at /admin/queues on the scheduler (one instance, the published port), behind basic
 * authentication. Without DASHBOARD_USER and DASHBOARD_PASSWORD there is no dashboard at all, and
 * bull-board is not even loaded: its CommonJS build requires ESM-only NestJS 12, which Node does
 * (require(esm)) but Jest's module loader on Node 20 does not.
 */
export function queueDashboard(config: AppConfig): Promise<DynamicModule>[] {
  if (!config.dashboard) return [];
  const credentials = config.dashboard;
  const modules = Promise.all([import('@bull-board/api/bullMQAdapter'), import('@bull-board/express'), import('@bull-board/nestjs')]);
  return [
    modules.then(([, { ExpressAdapter }, { BullBoardModule }]) =>
      BullBoardModule.forRoot({
        route: DASHBOARD_ROUTE,
        // @bull-board/express pins its own patch release of @bull-board/api: same shape, distinct declarations.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        middleware: basicAuth(credentials),
      }),
    ),
    modules.then(([{ BullMQAdapter }, , { BullBoardModule }]) =>
      BullBoardModule.forFeature({ name: QueueName.Followups, adapter: BullMQAdapter }),
    ),
  ];
}
