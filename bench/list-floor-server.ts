// The floor for a list request: node:http and pg, nothing else. It answers GET
// /v1/followups?patientId= with the one query carecadence's repository makes for it (the same
// columns, filter, order and limit, as a prepared statement) and the rows as JSON, with no
// framework, authentication, validation, logging or metrics. What no API serving the same rows
// from the same PostgreSQL can beat on this machine; bench/lib/footprint.ts measures it beside the
// scheduler. Started by bench/lib/footprint.ts in a process of its own (bench-process.ts), as the scheduler is.
import { createServer } from 'node:http';
import pg from 'pg';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`list floor: ${name} is not set`);
  return value;
};

const pool = new pg.Pool({ connectionString: env('LIST_FLOOR_DATABASE_URL'), max: 10 });
const clinicId = env('LIST_FLOOR_CLINIC_ID');

const server = createServer((request, response) => {
  const patientId = new URL(request.url ?? '/', 'http://floor').searchParams.get('patientId');
  pool
    .query({
      name: 'list-floor',
      text: 'select * from followups where clinic_id = $1 and patient_id = $2 order by created_at, id limit 51',
      values: [clinicId, patientId],
    })
    .then(
      ({ rows }) => {
        const body = JSON.stringify({ data: rows });
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500).end(String(error));
      },
    );
});

server.listen(Number(env('LIST_FLOOR_PORT')), '127.0.0.1', () => console.log('ready'));
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
