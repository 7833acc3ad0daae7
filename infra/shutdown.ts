import type { Logger } from 'pino';

/**
 * Graceful shutdown on SIGTERM and SIGINT: `close` finishes in-flight work and
 * disconnects; if it takes longer than `timeoutMs`, the process exits anyway
 * so an orchestrator is never left waiting.
 */
export function stopGracefullyOnSignals(logger: Logger, timeoutMs: number, close: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    } finally {
      clearTimeout(timer);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
