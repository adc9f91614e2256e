import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the layering rules of eslint.config.js on virtual files (lintText with a file path inside
 * the folder under test; nothing is written to disk, so concurrent work on the tree is unaffected).
 *
 * The repository config lints TypeScript with typed rules (`projectService`), and the project
 * service refuses a path that no tsconfig program holds ("was not found by the project service").
 * The layering rules (`no-restricted-imports`, `no-restricted-globals`) need no type information,
 * so the real config is used unchanged except that typed parsing is switched off and every
 * typed typescript-eslint rule is turned off: the rules under test are exactly the repository's.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface RuleMeta {
  meta?: { docs?: { requiresTypeChecking?: boolean } };
}
const tsRules = (tseslint.plugin as { rules?: Record<string, RuleMeta> }).rules ?? {};
const TYPED_RULES_OFF: Linter.RulesRecord = Object.fromEntries(
  Object.entries(tsRules)
    .filter(([, rule]) => rule.meta?.docs?.requiresTypeChecking === true)
    .map(([name]) => [`@typescript-eslint/${name}`, 'off']),
);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: TYPED_RULES_OFF,
    },
  });
});

interface Finding {
  rule: string | null;
  line: number;
}

/** Lints `code` as if it were the file at `path` (relative to the repository root). */
async function lint(path: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  if (result === undefined) throw new Error(`no lint result for ${path}`);
  const fatal = result.messages.filter((m) => m.fatal === true);
  expect(fatal, `${path} must parse`).toEqual([]);
  return result.messages
    .filter((m) => m.severity === 2)
    .map((m) => ({ rule: m.ruleId, line: m.line }));
}

const importing = (specifier: string) =>
  `import * as mod from '${specifier}';\n\nexport const used = mod;\n`;

async function importErrors(path: string, specifier: string): Promise<Finding[]> {
  return (await lint(path, importing(specifier))).filter((f) => f.rule === 'no-restricted-imports');
}

describe('the probe itself', () => {
  it('switches off only typed rules; the layering rules stay as configured', async () => {
    expect(Object.keys(TYPED_RULES_OFF)).toContain(
      '@typescript-eslint/switch-exhaustiveness-check',
    );
    expect(TYPED_RULES_OFF).not.toHaveProperty('no-restricted-imports');
    for (const file of ['shared/x.ts', 'renderer/src/x.ts', 'renderer/src/components/X.tsx']) {
      const config = (await eslint.calculateConfigForFile(`${ROOT}${file}`)) as Linter.Config;
      const rule = config.rules?.['no-restricted-imports'];
      expect(Array.isArray(rule) ? rule[0] : rule, file).toBeOneOf([2, 'error']);
    }
  });

  it('reports other rules too, so a clean result is not an empty config', async () => {
    const findings = await lint('shared/__probe__/unused.ts', 'const unused = 1;\n');
    expect(findings.map((f) => f.rule)).toEqual(['@typescript-eslint/no-unused-vars']);
  });
});

describe('shared/ is pure', () => {
  const file = 'shared/__probe__/probe.ts';

  it.each([
    'node:fs',
    'node:crypto',
    'fs',
    'fs/promises',
    'path',
    'crypto',
    'async_hooks',
    'electron',
    'electron/main',
    '../../electron/x',
    '../electron/services/cases',
    '../../renderer/x',
    '../renderer/src/db',
  ])('importing %s is an error', async (specifier) => {
    expect(await importErrors(file, specifier)).toEqual([
      { rule: 'no-restricted-imports', line: 1 },
    ]);
  });

  it('a type-only import of a Node built-in is an error too', async () => {
    const findings = await lint(
      file,
      "import type { Stats } from 'node:fs';\n\nexport type S = Stats;\n",
    );
    expect(findings).toEqual([{ rule: 'no-restricted-imports', line: 1 }]);
  });

  it.each(['document.title', 'window.location', 'process.env', 'Buffer.from([])', 'localStorage'])(
    'using %s is an error',
    async (expression) => {
      const findings = await lint(file, `export const value = ${expression};\n`);
      expect(findings).toEqual([{ rule: 'no-restricted-globals', line: 1 }]);
    },
  );

  it('a clean shared file has no errors at all', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { CaseId } from '../contracts';",
      "import type { Crypto } from './crypto';",
      "import { parse } from '../model/url';",
      "import { EVENTS } from './events';",
      '',
      'export const Schema = z.object({ id: CaseId });',
      'export async function digest(crypto: Crypto, data: Uint8Array): Promise<string> {',
      '  const bytes = new Uint8Array(await crypto.sha256(data));',
      "  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('') + parse(EVENTS);",
      '}',
      '',
    ].join('\n');
    expect(await lint(file, code)).toEqual([]);
  });

  it('local modules and packages named like Node built-ins are not mistaken for them', async () => {
    // `punycode/` is how the userland punycode package asks not to get the deprecated built-in.
    for (const specifier of [
      './crypto',
      '../model/url',
      './path',
      './events',
      '../util/fs',
      'punycode/',
    ]) {
      expect(await importErrors(file, specifier), specifier).toEqual([]);
    }
  });
});

describe('renderer/ has no Node and no main process', () => {
  it.each([
    ['renderer/src/__probe__.ts', '../../electron/x'],
    ['renderer/src/screens/Probe.tsx', '../../../electron/ipc'],
    ['renderer/src/__probe__.ts', 'electron'],
    ['renderer/src/__probe__.ts', 'electron/renderer'],
    ['renderer/src/__probe__.ts', 'node:fs'],
    ['renderer/src/__probe__.ts', 'fs'],
    ['renderer/src/app/probe.ts', 'node:path'],
  ])('%s importing %s is an error', async (path, specifier) => {
    expect(await importErrors(path, specifier)).toEqual([
      { rule: 'no-restricted-imports', line: 1 },
    ]);
  });

  it('may import shared/ and its own modules', async () => {
    for (const specifier of ['../../../shared/contracts', '../db', '../bridge', 'dexie']) {
      expect(await importErrors('renderer/src/screens/Probe.tsx', specifier), specifier).toEqual(
        [],
      );
    }
  });
});

describe('renderer/src/components render props only', () => {
  it.each([
    ['renderer/src/components/Probe.tsx', '../bridge'],
    ['renderer/src/components/Probe.tsx', '../bridge/api'],
    ['renderer/src/components/Probe.tsx', '../db'],
    ['renderer/src/components/Probe.tsx', '../db/workspace-db'],
    ['renderer/src/components/forms/Probe.tsx', '../../db'],
    ['renderer/src/components/probe-helpers.ts', '../db'],
    ['renderer/src/components/Probe.tsx', 'node:fs'],
    ['renderer/src/components/Probe.tsx', 'electron'],
    ['renderer/src/components/Probe.tsx', '../../../electron/ipc'],
  ])('%s importing %s is an error', async (path, specifier) => {
    expect(await importErrors(path, specifier)).toEqual([
      { rule: 'no-restricted-imports', line: 1 },
    ]);
  });

  it('may import other components and shared types', async () => {
    for (const specifier of ['./EmptyState', '../../../shared/contracts']) {
      expect(await importErrors('renderer/src/components/Probe.tsx', specifier)).toEqual([]);
    }
  });
});

describe('electron/', () => {
  it.each(['node:fs', 'fs', 'node:path', '../../shared/contracts'])(
    'services may import %s',
    async (specifier) => {
      expect(await lint('electron/services/__probe__.ts', importing(specifier))).toEqual([]);
    },
  );

  it.each(['electron', 'electron/main'])(
    'services may not import %s (only electron/main and electron/preload)',
    async (specifier) => {
      expect(await importErrors('electron/services/__probe__.ts', specifier)).toEqual([
        { rule: 'no-restricted-imports', line: 1 },
      ]);
    },
  );

  it.each(['electron/main/__probe__.ts', 'electron/preload/__probe__.ts'])(
    '%s may import electron and node:fs',
    async (path) => {
      expect(await importErrors(path, 'electron')).toEqual([]);
      expect(await importErrors(path, 'node:fs')).toEqual([]);
    },
  );

  it.each(['electron/main/__probe__.ts', 'electron/ipc/__probe__.ts'])(
    '%s may not import the renderer',
    async (path) => {
      expect(await importErrors(path, '../../renderer/src/db')).toEqual([
        { rule: 'no-restricted-imports', line: 1 },
      ]);
    },
  );
});
