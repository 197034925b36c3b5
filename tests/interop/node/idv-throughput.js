#!/usr/bin/env node
// TEST-ONLY throughput driver for bench/Measure-Throughput.ps1: fetches sessions with the official Yoti Node SDK
// (IDVClient.getSession) at a fixed concurrency against the YotiIdv emulator, and prints one JSON line:
// { fetched, failed, seconds, perSecond, cpuMs, cpuMsPerSession }.
//
//   node idv-throughput.js --base-url URL --sdk-id ID --key PEM --ids-file FILE --concurrency 16
'use strict';

const fs = require('fs');
const { IDVClient } = require('yoti');

console.log = (...args) => console.error(...args); // the SDK logs failures; stdout carries only the result

function parseArgs(argv) {
  const result = { concurrency: 16 };
  const names = { '--base-url': 'baseUrl', '--sdk-id': 'sdkId', '--key': 'keyPath', '--ids-file': 'idsFile', '--concurrency': 'concurrency' };
  for (let i = 2; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) throw new Error(`Unknown or incomplete option '${argv[i]}'`);
    result[name] = argv[i + 1];
  }
  for (const required of ['baseUrl', 'sdkId', 'keyPath', 'idsFile']) {
    if (!result[required]) throw new Error(`Missing --${required}`);
  }
  result.concurrency = Number(result.concurrency);
  return result;
}

async function main() {
  const options = parseArgs(process.argv);
  const ids = fs.readFileSync(options.idsFile, 'utf8').split(/\r?\n/).filter((line) => line.trim().length > 0);
  const client = new IDVClient(options.sdkId, fs.readFileSync(options.keyPath, 'utf8'), { apiUrl: options.baseUrl.replace(/\/+$/, '') });

  let next = 0;
  let fetched = 0;
  let failed = 0;
  async function worker() {
    for (;;) {
      const index = next++;
      if (index >= ids.length) return;
      try {
        await client.getSession(ids[index]);
        fetched++;
      } catch (err) {
        failed++;
      }
    }
  }

  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({
    fetched, failed, seconds, perSecond: fetched / seconds, cpuMs, cpuMsPerSession: cpuMs / Math.max(fetched, 1),
  }) + '\n');
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((err) => { console.error(err); process.exitCode = 2; });
