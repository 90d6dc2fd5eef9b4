// ink!'s published flipper and erc20, built by `rivet build`, deployed and called on the
// dev node the way ink! developers do it: `@polkadot/api-contract`'s CodePromise,
// BlueprintPromise and ContractPromise reading the `.contract` bundle (query = dry run
// through `ContractsApi`, tx = extrinsic), results and events decoded from the metadata.

import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { Abi, BlueprintPromise, CodePromise, ContractPromise } from '@polkadot/api-contract';
import { startNode } from './node.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const UPSTREAM = join(ROOT, 'contracts/upstream/ink-5.1.1/public');

/** The `rivet` binary: `$RIVET` (scripts/test.sh sets it), else the shared target dir's. */
function rivetBinary() {
  if (process.env.RIVET) return process.env.RIVET;
  const target = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/rivet/target');
  return join(target, 'debug/rivet');
}

/** `rivet build <example>` into `out`; the parsed `.contract` bundle. */
function build(example, out) {
  execFileSync(rivetBinary(), ['build', join(UPSTREAM, example), '--output', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return JSON.parse(readFileSync(join(out, `${example}.contract`), 'utf8'));
}

/** Signs and sends `tx`; resolves with the result once it is in a block, rejects if the
 * extrinsic failed (with the module error's name). The dev node's instant seal finalizes
 * every block as it makes it, and its pool reports such a transaction as Finalized
 * without an InBlock status first, so either counts. */
function submit(api, tx, pair) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, (result) => {
      if (result.dispatchError) {
        const e = result.dispatchError;
        const name = e.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(e.asModule)) : e.toString();
        reject(new Error(`extrinsic failed: ${name}`));
      } else if (result.status.isInBlock || result.status.isFinalized) {
        resolve(result);
      } else if (result.isError) {
        reject(new Error(`transaction ${result.status.type}`));
      }
    }).catch(reject);
  });
}

test('@polkadot/api-contract deploys and calls ink! examples', { timeout: 600_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'rivet-e2e-contracts-'));
  const flipper = build('flipper', out);
  const erc20 = build('erc20', out);
  const node = await startNode();
  const api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });
  t.after(async () => {
    await api.disconnect();
    node.remove();
    rmSync(out, { recursive: true, force: true });
  });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, bob] = ['//Alice', '//Bob'].map((uri) => keyring.addFromUri(uri));

  /** Dry-runs a constructor through `ContractsApi_instantiate`; its gas and result. */
  async function dryInstantiate(abi, code, constructor, args) {
    const data = abi.findConstructor(constructor).toU8a(args);
    return api.call.contractsApi.instantiate(alice.address, 0, null, null, { Upload: code }, data, '0x');
  }

  await t.test('the bundle is ink! metadata version 5 that polkadot.js reads', () => {
    const abi = new Abi(flipper, api.registry.getChainProperties());
    assert.equal(abi.metadata.version.toString(), '5');
    assert.deepEqual(abi.constructors.map((c) => c.method), ['new', 'newDefault']);
    assert.deepEqual(abi.messages.map((m) => [m.method, m.isMutating]), [['flip', true], ['get', false]]);
    assert.equal(abi.findMessage('get').selector.toHex(), '0x2f865bd9');
    assert.equal(abi.isRevive, false);
  });

  let flipperAddress;
  await t.test('flipper: CodePromise uploads and instantiates it', async () => {
    const code = new CodePromise(api, flipper, flipper.source.wasm);
    const dry = await dryInstantiate(code.abi, flipper.source.wasm, 'new', [true]);
    assert.ok(dry.result.isOk, `dry run: ${dry.result.toString()}`);
    assert.equal(dry.result.asOk.result.flags.toNumber(), 0, 'the constructor did not revert');
    const result = await submit(
      api,
      code.tx.new({ gasLimit: dry.gasRequired, storageDepositLimit: null }, true),
      alice,
    );
    assert.ok(result.contract, 'an Instantiated event names the contract');
    assert.ok(result.blueprint, 'a CodeStored event names the code');
    assert.equal(result.blueprint.codeHash.toHex(), flipper.source.hash);
    flipperAddress = result.contract.address.toString();
  });

  await t.test('flipper: ContractPromise queries and flips it', async () => {
    const contract = new ContractPromise(api, flipper, flipperAddress);
    const get = async () => {
      const { result, output } = await contract.query.get(alice.address, {});
      assert.ok(result.isOk, result.toString());
      assert.ok(output.isOk, 'Ok, not a LangError');
      return output.asOk.toPrimitive();
    };
    assert.equal(await get(), true);
    const { gasRequired, result } = await contract.query.flip(alice.address, {});
    assert.ok(result.isOk && !result.asOk.flags.toNumber(), result.toString());
    await submit(api, contract.tx.flip({ gasLimit: gasRequired, storageDepositLimit: null }), alice);
    assert.equal(await get(), false);
  });

  await t.test('flipper: BlueprintPromise instantiates stored code again', async () => {
    const blueprint = new BlueprintPromise(api, flipper, flipper.source.hash);
    const data = blueprint.abi.findConstructor('newDefault').toU8a([]);
    const dry = await api.call.contractsApi.instantiate(
      alice.address, 0, null, null, { Existing: flipper.source.hash }, data, '0x01',
    );
    assert.ok(dry.result.isOk, dry.result.toString());
    const result = await submit(
      api,
      blueprint.tx.newDefault({ gasLimit: dry.gasRequired, storageDepositLimit: null, salt: '0x01' }),
      alice,
    );
    assert.ok(result.contract);
    assert.notEqual(result.contract.address.toString(), flipperAddress);
    const { output } = await result.contract.query.get(alice.address, {});
    assert.equal(output.asOk.toPrimitive(), false, 'new_default starts false');
  });

  let token;
  await t.test('erc20: instantiated with its supply, the minting event decoded', async () => {
    const supply = 1_000_000n;
    const code = new CodePromise(api, erc20, erc20.source.wasm);
    const dry = await dryInstantiate(code.abi, erc20.source.wasm, 'new', [supply]);
    assert.ok(dry.result.isOk, dry.result.toString());
    const result = await submit(
      api,
      code.tx.new({ gasLimit: dry.gasRequired, storageDepositLimit: null }, supply),
      alice,
    );
    token = result.contract;
    // The constructor's Transfer { from: None, to: Some(alice), value } as polkadot.js
    // decodes ContractEmitted events (by the signature topic in the record's topics).
    const emitted = result.events.filter(({ event }) => api.events.contracts.ContractEmitted.is(event));
    assert.equal(emitted.length, 1);
    const decoded = token.abi.decodeEvent(emitted[0]);
    assert.equal(decoded.event.identifier, 'erc20::erc20::Transfer');
    const [from, to, value] = decoded.args;
    assert.ok(from.isNone);
    assert.equal(to.unwrap().toString(), alice.address);
    assert.equal(value.toBigInt(), supply);
    const { output } = await token.query.totalSupply(alice.address, {});
    assert.equal(output.asOk.toBigInt(), supply);
  });

  await t.test('erc20: transfer as a transaction, its event and balances', async () => {
    const contract = new ContractPromise(api, erc20, token.address);
    const { gasRequired, output } = await contract.query.transfer(alice.address, {}, bob.address, 250n);
    assert.ok(output.asOk.isOk, `transfer would fail: ${output.toString()}`);
    const result = await submit(
      api,
      contract.tx.transfer({ gasLimit: gasRequired, storageDepositLimit: null }, bob.address, 250n),
      alice,
    );
    assert.equal(result.contractEvents.length, 1);
    const [event] = result.contractEvents;
    assert.equal(event.event.identifier, 'erc20::erc20::Transfer');
    assert.equal(event.args[0].unwrap().toString(), alice.address);
    assert.equal(event.args[1].unwrap().toString(), bob.address);
    assert.equal(event.args[2].toBigInt(), 250n);
    const balance = async (who) => (await contract.query.balanceOf(alice.address, {}, who)).output.asOk.toBigInt();
    assert.equal(await balance(bob.address), 250n);
    assert.equal(await balance(alice.address), 1_000_000n - 250n);
  });

  await t.test("erc20: a transfer over the balance decodes as the contract's error", async () => {
    const contract = new ContractPromise(api, erc20, token.address);
    const { result, output } = await contract.query.transfer(bob.address, {}, alice.address, 10_000n);
    assert.ok(result.isOk);
    assert.ok(result.asOk.flags.toNumber() & 1, 'the message reverted');
    assert.ok(output.isOk, 'not a LangError');
    assert.ok(output.asOk.isErr);
    assert.equal(output.asOk.asErr.toString(), 'InsufficientBalance');
  });
});
