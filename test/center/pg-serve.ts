// A throwaway PostgreSQL for trying the center by hand (`npx tsx test/center/pg-serve.ts`): prints
// its URL, runs until Ctrl-C (or SIGTERM), then removes the cluster.
import { startPgCluster } from './pg-cluster';

void (async () => {
  const c = await startPgCluster();
  console.log(c.url);
  const stop = () => {
    c.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
})();
