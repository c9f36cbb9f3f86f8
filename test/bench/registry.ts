// Benchmark suites of `npm run bench`; each returns flat figures keyed as the issues name them.

export type BenchFigures = Record<string, number>;
export type BenchSuite = { name: string; run(): Promise<BenchFigures> };

export const suites: Record<string, () => Promise<BenchSuite>> = {
  his: () => import('./his.js').then((m) => m.suite),
  engine: () => import('./engine.js').then((m) => m.suite),
  devices: () => import('./devices.js').then((m) => m.suite),
  print: () => import('./print.js').then((m) => m.suite),
  window: () => import('./window.js').then((m) => m.suite),
  windowNet: () => import('./window-net.js').then((m) => m.suite),
  store: () => import('./store.js').then((m) => m.suite),
  network: () => import('./network.js').then((m) => m.suite),
  history: () => import('./history.js').then((m) => m.suite),
  catalog: () => import('./catalog.js').then((m) => m.suite),
  center: () => import('./center.js').then((m) => m.suite),
};
