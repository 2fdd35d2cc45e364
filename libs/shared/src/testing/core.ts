import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/environment.js';
import type { Database } from '../database/database.js';
import { APP_CONFIG, DATABASE } from '../config/tokens.js';

/**
 * What `CoreModule` gives every module, for a test that composes real modules in a Nest testing
 * module without Redis: the settings and the database.
 */
@Global()
@Module({})
export class TestCoreModule {
  static with(config: AppConfig, db: Database): DynamicModule {
    return {
      module: TestCoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE, useValue: db },
      ],
      exports: [APP_CONFIG, DATABASE],
    };
  }
}
