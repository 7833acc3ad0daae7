import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A Redis Cluster of three primaries, each a `redis-server` on a free local
 * port, without persistence, its files in a temporary directory. `stop` kills
 * the servers and removes the directory; it is safe to call after a failed start.
 */
export interface LocalRedisCluster {
  ports: number[];
  /** `127.0.0.1:A,127.0.0.1:B,127.0.0.1:C`: the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startLocalRedisCluster(size = 3): Promise<LocalRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'aftersales-redis-cluster-'));
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  const taken = new Set<number>();
  const stop = async () => {
    await Promise.all(
      servers.map(async (server) => {
        if (server.exitCode !== null || server.signalCode !== null) return;
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGKILL');
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      // The cluster bus port is chosen too: the default, port + 10000, may be taken or beyond 65535.
      const port = await freePortBut(taken);
      const busPort = await freePortBut(taken);
      ports.push(port);
      const server = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1'],
          ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`)],
          ...['--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--logfile', join(dir, `redis-${port}.log`)],
        ],
        { cwd: dir, stdio: 'ignore' },
      );
      servers.push(server);
    }
    for (const port of ports) await until(async () => (await cli(port, 'ping')) === 'PONG', 10000, `redis-server on port ${port} to answer`);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      await until(async () => (await cli(port, 'cluster', 'info')).includes('cluster_state:ok'), 20000, `the node on port ${port} to see the cluster ok`);
    }
    return { ports, nodes: ports.map((port) => `127.0.0.1:${port}`).join(','), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A free port not handed out before: the system may offer a port again once it is closed. */
async function freePortBut(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

async function cli(port: number, ...command: string[]): Promise<string> {
  try {
    return (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command])).stdout.trim();
  } catch {
    return '';
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
