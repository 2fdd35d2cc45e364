// ESLint (flat config) with typescript-eslint's type-aware rules. Formatting is Prettier's job
// (`.prettierrc.json`): eslint-config-prettier, last, turns off every rule that would fight it.
// Boundaries between modules are checked by dependency-cruiser (`.dependency-cruiser.cjs`), and
// unused names by `tsc` (noUnusedLocals / noUnusedParameters), so neither is repeated here.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'dist-bench/', 'coverage/', 'data/', 'node_modules/', '**/migrations/'] },

  js.configs.recommended,
  {
    name: 'carecadence/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },

  {
    name: 'carecadence/typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // One TypeScript program from tsconfig.json for the whole tree (apps, libs, test, bench);
        // the few config files outside it get a default project.
        projectService: { allowDefaultProject: ['*.ts', 'apps/console/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // tsc reports unused locals and parameters already (tsconfig.json).
      '@typescript-eslint/no-unused-vars': 'off',
      // `async` without `await` is how a Promise-returning interface method (a send check, a health
      // indicator) is written here: a throw inside still becomes a rejection the caller handles.
      '@typescript-eslint/require-await': 'off',

      // A promise nobody awaits loses its rejection: a send or a database write that fails silently.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a plain one is expected (event emitters, Array#forEach, Express
      // handlers) runs unawaited; an async value in a condition is always truthy.
      '@typescript-eslint/no-misused-promises': 'error',
      // `return promise` inside try/catch skips the catch and the finally's ordering.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // A switch over a union (send outcomes, statuses, channels) must name every member, so a new
      // one added to the type is a compile-time question, not a silent default.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Type-only imports are erased; the code already writes them `import { type X }` or `import type`.
      // Files with decorators are left alone by the rule (decorator metadata needs the value import).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // Passing on an error caught as `unknown` is fine; rejecting with a string or an object is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      eqeqeq: ['error', 'smart'],
      'no-return-assign': 'error',
      'prefer-const': 'error',
    },
  },

  {
    name: 'carecadence/tests',
    files: ['**/*.{spec,int-spec,e2e-spec}.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      // `expect(mock.method).toHaveBeenCalled()` passes a method without its object on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // Response bodies (`fetch().json()`, the test API client, parsed YAML, emails and logs) are
      // `any`; the assertions on them are the check, so these rules would only ask for casts.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  prettier,
);
