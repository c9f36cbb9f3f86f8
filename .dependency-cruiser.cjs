// The project's layer rules, checked by `npm run --silent check:layers` (part of `npm test`).
// docs/ENGINEERING.md explains them; test/foundation/layers.test.ts proves each rule fails.
//
// Areas of electron/, lowest first. An area may import its own files and any LOWER area, never a
// higher one; areas on one line are peers (they may not form cycles).
//
//   0  core, demo        pure domain (money, engine, masking, time) and the demo dataset (data only)
//   1  api               the contract, its views and input schemas, the dispatcher
//   2  store             SQLite repositories
//   3  platform          what every area is given: the app context, logger, health board, paths
//   4  policy, devices, operators, audit, print, his, network
//                        the services (network: client, simulator, forwarder, reconciliation)
//   5  center            the center store (PostgreSQL): settlement asks it before settling
//   6  catalog, trace    national catalogs, dictionaries and the HIS items' matching; drug
//                        traceability codes (the scan, the sale records, their upload)
//   7  settlement        settles over the services above
//   8  window            the cashier window, composed of everything below
//   9  host, app, cli, electron/*.ts (main, preload, ipc, start)
//                        the composition root and the ways in (HTTP, IPC, command line)
//
// Besides: electron/core imports nothing but core and decimal.js / @noble/hashes (no Node
// built-ins, nothing with side effects); native/ (device transports and simulators) imports
// nothing from electron/; renderer/ imports only the API contract (electron/api/contract.ts and
// the view files it re-exports) and its own files.

const LAYERS = [
  ['electron/(core|demo)/'],
  ['electron/api/'],
  ['electron/store/'],
  ['electron/platform/'],
  ['electron/(policy|devices|operators|audit|print|his|network)/'],
  ['electron/center/'],
  ['electron/(catalog|trace)/'],
  ['electron/settlement/'],
  ['electron/window/'],
  ['electron/(host|app|cli)/', 'electron/[^/]+$'],
];

const CORE_ALLOWED = ['^electron/core/', '(^|/)node_modules/decimal\\.js/', '(^|/)node_modules/@noble/hashes/'];

/** Everything above layer i, as one path pattern. */
function above(i) {
  return LAYERS.slice(i + 1).flat().map((p) => `^${p}`).join('|');
}

const layerRules = LAYERS.slice(0, -1).map((paths, i) => ({
  name: `layer-${i}-imports-higher`,
  comment: `${paths.join(' ')} may import only its own and lower layers (see the table in .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: paths.map((p) => `^${p}`).join('|') },
  to: { path: above(i) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'core-impure',
      comment: 'electron/core is pure: it imports only core files and decimal.js / @noble/hashes',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { pathNot: CORE_ALLOWED },
    },
    {
      name: 'core-node-builtin',
      comment: 'electron/core imports no Node built-in (fs, crypto, path, ...)',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'native-imports-electron',
      comment: 'native/ (device transports, protocols, simulators) knows nothing of the app',
      severity: 'error',
      from: { path: '^native/' },
      to: { path: '^electron/' },
    },
    {
      name: 'renderer-beyond-contract',
      comment: 'renderer/ imports only the API contract (and the views it re-exports) and its own files',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { pathNot: ['^renderer/', '^electron/api/contract\\.ts$', '^electron/api/views/', '(^|/)node_modules/'] },
    },
    {
      name: 'no-circular-areas',
      comment: 'no import cycle at run time (type-only cycles, e.g. a barrel index and its files, are allowed)',
      severity: 'error',
      from: { path: '^(electron|native)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that cannot be resolved is an error (a moved file left an old path)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
