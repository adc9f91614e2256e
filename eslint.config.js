// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering: a folder is a runtime (DESIGN.md). These rules fail the lint when
 * - shared/ imports electron/, renderer/, `electron`, any Node built-in, or uses DOM/Node globals;
 * - renderer/ imports electron/ (the folder), `electron`, or Node built-ins;
 * - anything outside electron/main and electron/preload imports the `electron` package.
 */
// Every Node built-in, matched as a whole module specifier (`fs`, `fs/promises`, `node:…`). A
// gitignore-style `group` would also match any path segment, refusing `./crypto` or `../model/url`.
const NODE_BUILTINS = builtinModules.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const nodeImports = {
  regex: `^(?:node:.*|(?:${NODE_BUILTINS.join('|')})(?:/.+)?)$`,
  caseSensitive: true,
  message: 'pure code: no Node built-ins (pass capabilities in)',
};
const electronPackage = {
  name: 'electron',
  message: 'only electron/main and electron/preload may import electron',
};
const electronSubpaths = {
  regex: '^electron/',
  message: 'only electron/main and electron/preload may import electron',
};
const electronFolder = {
  group: ['**/electron/**', '../electron', '../../electron'],
  message: 'may not import from the electron/ folder',
};
const rendererFolder = {
  group: ['**/renderer/**'],
  message: 'may not import from the renderer/ folder',
};

// Globals the pure layer must not touch: the DOM, Node, clocks and randomness come in as parameters.
const forbiddenSharedGlobals = [
  ...Object.keys(globals.browser).filter(
    (g) =>
      !(g in globals.es2021) &&
      ![
        'console',
        'URL',
        'TextEncoder',
        'TextDecoder',
        'crypto',
        'structuredClone',
        'queueMicrotask',
        'setTimeout',
        'clearTimeout',
        'AbortController',
        'AbortSignal',
      ].includes(g),
  ),
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
].map((name) => ({ name, message: 'shared/ is pure: no DOM or Node globals' }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'tests/fixtures/',
      'tests/vectors/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [electronPackage], patterns: [electronSubpaths] },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['*.config.ts', 'build/**'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Every switch over a union is exhaustive (house style 4).
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronPackage], patterns: [nodeImports, electronFolder, rendererFolder] },
      ],
      'no-restricted-globals': ['error', ...forbiddenSharedGlobals],
    },
  },
  {
    // Main bundles shared/ and electron/ code, and the Electronegativity gate (lint:electron)
    // cannot parse `#private` class members (ClassPrivateProperty): use TypeScript `private`.
    files: ['shared/**/*.ts', 'electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'PrivateIdentifier',
          message:
            'no #private members in code main bundles: the Electronegativity scanner cannot parse them; use `private`',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [electronPackage], patterns: [nodeImports, electronFolder] },
      ],
    },
  },
  {
    files: ['renderer/src/components/**/*.ts', 'renderer/src/components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPackage],
          patterns: [
            nodeImports,
            electronFolder,
            {
              group: ['**/bridge', '**/bridge/**', '**/db', '**/db/**'],
              message: 'components render props; screens call IPC and the store',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererFolder] }] },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronPackage], patterns: [electronSubpaths, rendererFolder] },
      ],
    },
  },
  {
    files: [
      'tests/**/*.ts',
      'tests/**/*.tsx',
      'build/**/*.{ts,mjs,js}',
      '*.config.{ts,js,mjs}',
      'eslint.config.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
