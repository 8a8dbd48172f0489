/**
 * The layering of src/, checked by `npm run lint` (dependency-cruiser). Arrows point down only:
 *
 *   cli ─► server ─► modules/<feature> ─► modules/catalog ─► modules/access ─► db ─► core
 *                         │       └──────► http, files ─────────────────────────────────┘
 *   web ─► core (and type-only imports of API schema files)
 *
 * - core: pure domain logic; imports nothing of the project outside core, and no I/O.
 * - db: Kysely set-up and migrations; imports only core.
 * - files: the CSV/JSON file readers; http: the helpers routes are declared with. Neither
 *   imports a feature module (http knows only who is asking: modules/access).
 * - modules: one folder per capability; never import the server or the CLI, and form no
 *   cycle between them. access and catalog are the shared modules every other one uses.
 * - server: the assembly of the HTTP app from modules; only the CLI starts it.
 * - web: the React app; never imports server code.
 *
 * Tests are left out: a module's HTTP test drives the assembled app (src/server/app.ts) on
 * purpose, and nothing imports a test.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A file may not import itself back through others (anywhere in src, web included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment:
        'Folders (modules, layers) form no cycle: what two modules share belongs in a lower one ' +
        '(catalog, access, files, http). The web app is held to file cycles only: its page folders ' +
        'and its i18n/app shell import each other by design.',
      scope: 'folder',
      from: { pathNot: '^src/web(/|$)' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core imports nothing of the project outside core.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-has-no-io',
      severity: 'error',
      comment: 'src/core does no I/O: no Node built-in modules.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'db-only-core',
      severity: 'error',
      comment: 'src/db imports only core (and itself).',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/(db|core)/' },
    },
    {
      name: 'files-only-core',
      severity: 'error',
      comment: 'The file readers (src/files) import only core: exchange, records and program loads share them.',
      from: { path: '^src/files/' },
      to: { path: '^src/', pathNot: '^src/(files|core)/' },
    },
    {
      name: 'http-below-modules',
      severity: 'error',
      comment: 'The HTTP helpers (src/http) import core, db and modules/access only: every module uses them.',
      from: { path: '^src/http/' },
      to: { path: '^src/', pathNot: '^src/(http|core|db)/|^src/modules/access/' },
    },
    {
      name: 'access-stays-low',
      severity: 'error',
      comment: 'modules/access (who is asking, what they may see) imports only core and db.',
      from: { path: '^src/modules/access/' },
      to: { path: '^src/', pathNot: '^src/(core|db)/|^src/modules/access/' },
    },
    {
      name: 'catalog-stays-low',
      severity: 'error',
      comment: 'modules/catalog (the look-ups other modules need) imports only core, db and modules/access.',
      from: { path: '^src/modules/catalog/' },
      to: { path: '^src/', pathNot: '^src/(core|db)/|^src/modules/(catalog|access)/' },
    },
    {
      name: 'modules-not-server',
      severity: 'error',
      comment: 'Modules never import the server (src/server assembles modules) nor the CLI.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-only-from-cli',
      severity: 'error',
      comment: 'Only the CLI starts the server; nothing else in src imports it.',
      from: { pathNot: '^src/(server|cli)/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'cli-is-the-top',
      severity: 'error',
      comment: 'Nothing in src imports the CLI.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'web-not-server-code',
      severity: 'error',
      comment: 'The web app imports only itself and core (pure code, bundled for the browser).',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: '^src/(web|core)/|^src/modules/.+\\.schema\\.ts$' },
    },
    {
      name: 'web-schema-types-only',
      severity: 'error',
      comment: 'The web app may type itself against the API schema files, but import no code from them.',
      from: { path: '^src/web/' },
      to: { path: '^src/modules/.+\\.schema\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every relative import resolves to a file.',
      from: {},
      to: { couldNotResolve: true, path: '^\\.' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      // The web app imports without extensions; `./x.js` finds `./x.ts` by itself (NodeNext).
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
