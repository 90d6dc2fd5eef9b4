// Writes a copy of a chain spec whose genesis also funds `count` more accounts, so that
// `rivet-node benchmark storage` measures ParityDB on a state of realistic size rather
// than the dev genesis's 31 keys (among them the 2 MB runtime, which dominates any
// average over so few). Used by scripts/weights.sh.
// Usage: node e2e/storage-bench-spec.mjs <spec.json> <out.json> [count]
import { readFileSync, writeFileSync } from 'node:fs';
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat } from '@polkadot/util';

const [input, output, count = '100000'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node e2e/storage-bench-spec.mjs <spec.json> <out.json> [count]');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(input, 'utf8'));
const balances = spec.genesis?.runtimeGenesis?.patch?.balances?.balances;
if (!Array.isArray(balances)) {
  console.error(`${input}: no genesis.runtimeGenesis.patch.balances.balances to extend`);
  process.exit(1);
}
for (let i = 0; i < Number(count); i++) {
  const index = new Uint8Array(new Uint32Array([i]).buffer);
  const key = blake2AsU8a(u8aConcat(stringToU8a('rivet-storage-bench'), index), 256);
  balances.push([encodeAddress(key, 42), 10 ** 15]);
}
writeFileSync(output, JSON.stringify(spec));
console.log(`${output}: ${balances.length} funded accounts`);
