// A dev node for the JavaScript end-to-end tests: `$RIVET_NODE` (scripts/test.sh sets
// it) started on free local ports with its own base path, stopped with SIGINT as a user
// stops it, its log kept for the test to read.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, openSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function rpcAnswers(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts `rivet-node --dev` with `args`; resolves once it answers JSON-RPC. */
export async function startNode(args = []) {
  const bin = process.env.RIVET_NODE;
  if (!bin) {
    throw new Error('RIVET_NODE must name the rivet-node binary (scripts/test.sh sets it)');
  }
  const base = mkdtempSync(join(tmpdir(), 'rivet-e2e-'));
  const [rpcPort, p2pPort] = [await freePort(), await freePort()];
  const logPath = join(base, 'node.log');
  const child = spawn(
    bin,
    [
      '--dev', '--base-path', join(base, 'db'), '--no-prometheus', '--no-telemetry', '--no-mdns',
      '--rpc-port', String(rpcPort), '--port', String(p2pPort), ...args,
    ],
    { stdio: ['ignore', 'ignore', openSync(logPath, 'w')] },
  );
  const exited = once(child, 'exit');
  const started = Date.now();
  while (!(await rpcAnswers(rpcPort))) {
    if (child.exitCode !== null) {
      throw new Error(`rivet-node exited: ${readFileSync(logPath, 'utf8').slice(-2000)}`);
    }
    if (Date.now() - started > 300_000) {
      child.kill('SIGKILL');
      throw new Error('rivet-node did not answer JSON-RPC within 5 minutes');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url: `ws://127.0.0.1:${rpcPort}`,
    log: () => readFileSync(logPath, 'utf8'),
    /** Stops the node with SIGINT (as Ctrl-C does); resolves to its exit code, or
     * rejects if it has not exited within 60 s (it is then killed). */
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      let timer;
      const late = new Promise((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error('rivet-node did not stop within 60 s of SIGINT'));
        }, 60_000);
      });
      try {
        const [code] = await Promise.race([exited, late]);
        return code;
      } finally {
        clearTimeout(timer);
      }
    },
    remove() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(base, { recursive: true, force: true });
    },
  };
}
