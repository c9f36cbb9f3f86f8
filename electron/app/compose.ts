// Builds the running app: context, dispatcher, every area's services and handlers.
import { createAppContext, type AppContext, type StartOptions } from '../platform/context';
import { Dispatcher } from '../api/dispatch';
import { installAreas, type AppServices } from './areas';

export interface RunningApp {
  ctx: AppContext;
  dispatcher: Dispatcher;
  services: AppServices;
  close(): Promise<void>;
}

export async function composeApp(opts: StartOptions): Promise<RunningApp> {
  const ctx = createAppContext(opts);
  const dispatcher = new Dispatcher(ctx.log);
  let services: AppServices;
  try {
    services = await installAreas(ctx, dispatcher);
  } catch (err) {
    await ctx.close();
    throw err;
  }
  return { ctx, dispatcher, services, close: () => ctx.close() };
}
