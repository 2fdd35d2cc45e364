import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { EnvironmentVariables, HealthController, knownSettings } from '@app/shared';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * docker-compose.yml, the Dockerfile and .env.example cannot be run here (no container engine),
 * so this checks that everything they name exists in the code: settings the schema knows, build
 * targets, entry files, the ports the services listen on and the health route the checks call.
 */
interface Stage {
  env: Record<string, string>;
  expose: string[];
  healthcheck?: string;
  cmd?: string[];
}

function dockerfileStages(text: string): Map<string, Stage> {
  const stages = new Map<string, Stage>();
  let current: Stage | undefined;
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of instructions) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword === 'FROM') {
      current = { env: {}, expose: [] };
      const name = args.match(/\bAS\s+(\S+)$/i)?.[1];
      if (name) stages.set(name, current);
    } else if (current && keyword === 'ENV') {
      for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) current.env[key] = value;
    } else if (current && keyword === 'EXPOSE') {
      current.expose.push(...rest);
    } else if (current && keyword === 'HEALTHCHECK') {
      current.healthcheck = args;
    } else if (current && keyword === 'CMD') {
      current.cmd = JSON.parse(args);
    }
  }
  return stages;
}

function envExampleKeys(text: string): { active: string[]; commented: string[] } {
  const active = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  const commented = [...text.matchAll(/^#\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  return { active, commented };
}

/** `${NAME:-default}` → { name, fallback }; a plain value → { fallback: value }. */
function interpolation(value: unknown): { name?: string; fallback?: string } {
  const match = String(value).match(/^\$\{(\w+)(?::?[-?](.*))?\}$/);
  return match ? { name: match[1], fallback: match[2] } : { fallback: String(value) };
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
const stages = dockerfileStages(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const envExample = envExampleKeys(readFileSync(join(ROOT, '.env.example'), 'utf8'));
const settings = knownSettings();
const defaults = new EnvironmentVariables() as unknown as Record<string, unknown>;
const appServices = Object.entries<any>(compose.services).filter(([, service]) => service.build);

describe('docker-compose.yml, Dockerfile and .env.example', () => {
  it('runs both services from the Dockerfile', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['notifier', 'scheduler']);
  });

  describe.each(appServices)('service %s', (_name, service) => {
    const stage = stages.get(service.build.target);
    const portSetting = `${service.build.target.toUpperCase()}_PORT`;

    it('builds a Dockerfile target that exists and starts an entry point that exists', () => {
      expect(stage).toBeDefined();
      expect(stage!.cmd?.[0]).toBe('node');
      const entry = stage!.cmd![1];
      expect(entry).toMatch(/^dist\/apps\/[a-z]+\/src\/main\.js$/);
      expect(existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    });

    it('passes only settings the schema knows, and all of them', () => {
      const keys = Object.keys(service.environment);
      expect(keys.filter((key) => !settings.includes(key))).toEqual([]);
      expect(settings.filter((setting) => !keys.includes(setting))).toEqual([]);
    });

    it('fills every setting from a variable that .env.example documents', () => {
      const documented = [...envExample.active, ...envExample.commented];
      const referenced = Object.values<string>(service.environment).flatMap((value) =>
        [...String(value).matchAll(/\$\{(\w+)/g)].map((m) => m[1]),
      );
      expect(referenced.filter((variable) => !documented.includes(variable))).toEqual([]);
    });

    it('publishes the port the service listens on', () => {
      const source = readFileSync(join(ROOT, 'libs/services/src', service.build.target, `start-${service.build.target}.ts`), 'utf8');
      expect(source).toContain(`listen(config.${service.build.target}Port)`);
      const containerPorts = (service.ports as unknown[]).map((port) =>
        // "host_ip:host_port:container_port": the container port is the last part (an interpolation may hold ':').
        typeof port === 'object'
          ? interpolation((port as { target: unknown }).target)
          : interpolation(String(port as string | number).match(/(\$\{[^}]*\}|\d+)$/)![1]),
      );
      for (const port of containerPorts) {
        expect(port.name).toBe(portSetting);
        expect(Number(port.fallback)).toBe(defaults[portSetting]);
      }
      expect(interpolation(service.environment[portSetting])).toEqual({ name: portSetting, fallback: String(defaults[portSetting]) });
      expect(stage!.expose).toEqual([String(defaults[portSetting])]);
      expect(stage!.env[portSetting]).toBe(String(defaults[portSetting]));
    });

    it('checks health on the readiness route the service serves, on its own port', () => {
      expect(Reflect.getMetadata('path', HealthController)).toBe('health');
      expect(Reflect.getMetadata('path', HealthController.prototype.ready)).toBe('ready');
      expect(stage!.healthcheck).toContain(`process.env.${portSetting}`);
      expect(stage!.healthcheck).toContain("'/health/ready'");
    });

    it('waits only for services that report health when it asks for healthy ones', () => {
      for (const [dependency, condition] of Object.entries<{ condition: string }>(service.depends_on ?? {})) {
        const other = compose.services[dependency];
        expect(other).toBeDefined();
        if (condition.condition === 'service_healthy') {
          expect(other.healthcheck ?? stages.get(other.build?.target)?.healthcheck).toBeDefined();
        }
      }
    });
  });

  it('lists in .env.example every setting, and nothing the services would not read', () => {
    expect(settings.filter((setting) => !envExample.active.includes(setting))).toEqual([]);
    expect(envExample.active.filter((key) => !settings.includes(key))).toEqual([]);
  });

  it('runs Redis with AOF every second and without eviction, on a volume', () => {
    const redis = compose.services.redis;
    const command = redis.command.join(' ');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--appendfsync everysec/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(redis.volumes.some((volume: string) => volume.endsWith(':/data'))).toBe(true);
  });

  it('builds the image from apps/ and libs/ only: test/ and bench/ never reach dist/ or the image', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const build = scripts.build.match(/\bswc\s+(.*?)\s+-d\s+(\S+)/)!;
    expect(build[1].split(/\s+/)).toEqual(['apps', 'libs']);
    expect(build[2]).toBe('dist');
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['test', 'bench', 'dist-bench']));
    expect(scripts['build:bench']).toMatch(/-d dist-bench\b/);
  });

  it('keeps the development SMTP server with its web inbox', () => {
    expect(compose.services.mailpit.image).toMatch(/mailpit/);
    expect(appServices.every(([, service]) => String(service.environment.SMTP_URL).includes('mailpit:1025'))).toBe(true);
  });
});
