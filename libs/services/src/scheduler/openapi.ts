import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The API description at /docs (JSON at /docs-json), built from the DTOs that validate requests. */
export function serveApiDocs(app: INestApplication): void {
  const description = new DocumentBuilder()
    .setTitle('carecadence scheduler API')
    .setDescription(
      'Clinics, patients, appointments, cadences and follow-ups. Bearer clinic API key, or the staff session cookie ' +
        '(POST /v1/session; changes then need X-CSRF-Token and a same-origin Origin); Bearer ADMIN_TOKEN for POST /v1/clinics.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('cc_session')
    .build();
  const document = SwaggerModule.createDocument(app, description);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
