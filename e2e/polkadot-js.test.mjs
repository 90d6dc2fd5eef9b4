// The dev node as polkadot.js (@polkadot/api, from npm) sees it: addresses in the
// chain's format, weight that costs what the fee API says, every transaction of a fast
// client included, and a clean stop.

import test from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { startNode } from './node.mjs';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const AMOUNT = 1_000_000_000n;
const ROUNDS = 5;
const PER_ROUND = 10;

/** Resolves when `check()` is true, polling; fails after `ms`. */
async function until(what, check, ms = 120_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// A bound, so a node that hangs fails the run instead of stalling it.
test('polkadot.js against the dev node', { timeout: 600_000 }, async (t) => {
  const node = await startNode();
  const api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });
  t.after(async () => {
    await api.disconnect();
    node.remove();
  });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const [alice, bob, charlie, dave, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Ferdie']
    .map((uri) => keyring.addFromUri(uri));

  await t.test('addresses are in the format rivet prints', () => {
    assert.equal(api.registry.chainSS58, 42);
    assert.equal(api.consts.system.ss58Prefix.toNumber(), 42);
    assert.equal(alice.address, ALICE);
  });

  await t.test('every transfer of four fast accounts is included once', async () => {
    const senders = [alice, bob, charlie, dave];
    const start = await Promise.all(
      senders.map(async (pair) => (await api.rpc.system.accountNextIndex(pair.address)).toNumber()),
    );
    const before = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
    const watched = new Map();
    // Each account signs with polkadot.js's default era (mortal for 64 blocks from the
    // finalized head) and submits as soon as the last submission was accepted, all four
    // at once; every other transaction is watched (submitAndWatch). polkadot.js's default
    // nonce is the state's, which a transaction still in the pool has not advanced, so a
    // client sending several in a row supplies them as polkadot.js's documentation shows:
    // Alice and Bob count from `system_accountNextIndex`, Charlie and Dave ask it each time.
    const counted = start.slice();
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(senders.map(async (pair, who) => {
        for (let i = 0; i < PER_ROUND; i++) {
          const nonce = who < 2 ? counted[who]++ : await api.rpc.system.accountNextIndex(pair.address);
          const tx = api.tx.balances.transferKeepAlive(ferdie.address, AMOUNT);
          if (i % 2 === 0) {
            await tx.signAndSend(pair, { nonce });
          } else {
            const statuses = [];
            await tx.signAndSend(pair, { nonce }, ({ status }) => statuses.push(status.type));
            watched.set(tx.hash.toHex(), statuses);
          }
        }
      }));
    }
    const sent = BigInt(senders.length * ROUNDS * PER_ROUND);
    await until('every transfer to arrive', async () => {
      const now = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
      assert.ok(now <= before + sent * AMOUNT, 'no transfer counted twice');
      return now === before + sent * AMOUNT;
    });
    for (const [i, pair] of senders.entries()) {
      const nonce = (await api.query.system.account(pair.address)).nonce.toNumber();
      assert.equal(nonce, start[i] + ROUNDS * PER_ROUND, `${pair.address}'s nonce`);
    }
    await until('every watched transfer to be finalized', () =>
      [...watched.values()].every((s) => s.includes('Finalized') || s.some((x) => ['Dropped', 'Invalid', 'Usurped'].includes(x))));
    for (const [hash, statuses] of watched) {
      assert.equal(statuses.at(-1), 'Finalized', `${hash}: ${statuses.join(' → ')}`);
    }
  });

  await t.test('weight is charged at one unit per picosecond', async () => {
    // After blocks have been made: the multiplier stays one (it fell to zero before).
    assert.ok((await api.rpc.chain.getHeader()).number.toNumber() > 1);
    assert.equal((await api.query.transactionPayment.nextFeeMultiplier()).toString(), '1000000000000000000');
    const tx = api.tx.balances.transferKeepAlive(ferdie.address, AMOUNT);
    // What wallets show (`TransactionPaymentApi_query_info` on a fake-signed copy) …
    const info = await tx.paymentInfo(alice);
    await tx.signAsync(alice);
    // … and the fee's parts for the signed transaction.
    const fee = (await api.rpc.payment.queryFeeDetails(tx.toHex())).inclusionFee.unwrap();
    const weight = info.weight.refTime.toBigInt();
    assert.ok(weight > 0n);
    assert.equal(fee.adjustedWeightFee.toBigInt(), weight, 'the weight fee is the weight, in units');
    assert.equal(fee.lenFee.toBigInt(), BigInt(tx.encodedLength) * 1_000_000n);
    assert.equal(info.partialFee.toBigInt(),
      fee.baseFee.toBigInt() + fee.lenFee.toBigInt() + fee.adjustedWeightFee.toBigInt());
  });

  await t.test('the node stops cleanly', async () => {
    await api.disconnect();
    const code = await node.stop();
    const log = node.log();
    assert.equal(code, 0, log.slice(-2000));
    assert.doesNotMatch(log, /Essential task .* failed/);
    assert.doesNotMatch(log, /ERROR|panicked/);
  });
});
