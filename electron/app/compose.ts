// Builds the running app: context, dispatcher, every area's services and handlers.
import { createAppContext, type AppContext, type StartOptions } from './context';
import { Dispatcher } from '../api/dispatch';
import { AREAS, type AreaRegistry } from './areas';

export interface RunningApp {
  ctx: AppContext;
  dispatcher: Dispatcher;
  registry: AreaRegistry;
  close(): Promise<void>;
}

export async function composeApp(opts: StartOptions): Promise<RunningApp> {
  const ctx = createAppContext(opts);
  const dispatcher = new Dispatcher(ctx.log);
  const registry: AreaRegistry = { services: new Map() };
  try {
    for (const area of AREAS) await area.install(ctx, dispatcher, registry);
  } catch (err) {
    await ctx.close();
    throw err;
  }
  return { ctx, dispatcher, registry, close: () => ctx.close() };
}
