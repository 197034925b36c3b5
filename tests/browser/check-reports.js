#!/usr/bin/env node
// TEST-ONLY: opens evidence reports (Export-YotiEvidenceReport) in a real browser and reports what it saw.
//
//   node check-reports.js --browser /usr/bin/chromium --jobs jobs.json --out results.json
//
// jobs.json: [{ "name": "...", "file": "/abs/report.html", "checkTypes": ["LIVENESS", ...],
//               "screenshot": "/abs/out/x.png", "desktopScreenshot": "/abs/optional.png" }]
// One browser launch, one page per report. puppeteer-core drives the installed browser and downloads nothing.
// Every request the page makes (other than the file itself and data: URIs) is recorded and aborted; script
// runs are caught through the console (the hostile payloads log YOTI-PWNED) and through CSP violation events.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

function arg(name) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function checkOne(browser, job) {
  const page = await browser.newPage();
  const result = { name: job.name, file: job.file, requests: [], consoleMessages: [], pageErrors: [], problems: [] };
  const fileUrl = pathToFileURL(job.file).href;
  try {
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url === fileUrl || url.startsWith('data:')) {
        request.continue();
      } else {
        result.requests.push(url.slice(0, 200));
        request.abort();
      }
    });
    page.on('console', (message) => result.consoleMessages.push(message.text().slice(0, 200)));
    page.on('pageerror', (error) => result.pageErrors.push(String(error.message || error).slice(0, 200)));
    // Runs before the page's own content (puppeteer's script is not the page's): records CSP violations.
    await page.evaluateOnNewDocument(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || ''));
      });
    });

    await page.goto(fileUrl, { waitUntil: 'load', timeout: 60000 });
    const seen = await page.evaluate(async (checkTypes) => {
      const images = Array.from(document.images);
      await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      const all = Array.from(document.querySelectorAll('*'));
      const handlerAttributes = [];
      const scriptUrls = [];
      for (const el of all) {
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) handlerAttributes.push(el.tagName + ' ' + attr.name);
          if (/^\s*(javascript|vbscript):/i.test(attr.value)) scriptUrls.push(el.tagName + ' ' + attr.name);
        }
      }
      const before = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
      const checks = Array.from(document.querySelectorAll('#checks details.check'));
      const firstPass = checks.findIndex((d) => d.classList.contains('pass'));
      const lastFail = checks.map((d) => d.classList.contains('fail')).lastIndexOf(true);
      const attention = document.querySelector('#attention');
      const firstPassElement = document.querySelector('#checks details.check.pass');
      const checksText = (document.querySelector('#checks') || document.body).textContent;
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      // Key/value rows as the browser parsed and laid them out (innerText: what a person reads).
      const rows = (selector) => Object.fromEntries(Array.from(document.querySelectorAll(selector + ' table.kv tr'))
        .map((tr) => [tr.querySelector('th') ? tr.querySelector('th').innerText.trim() : '', tr.querySelector('td') ? tr.querySelector('td').innerText.trim() : '']));
      return {
        title: document.title,
        csp: meta ? meta.getAttribute('content') : null,
        images: images.length,
        brokenImages: images.filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.alt),
        nonDataImages: images.filter((img) => !img.src.startsWith('data:')).map((img) => img.src.slice(0, 80)),
        missingBoxes: document.querySelectorAll('.missing-box').length,
        scripts: document.querySelectorAll('script').length,
        embeds: document.querySelectorAll('iframe,object,embed,frame,link,base,form,svg,math').length,
        handlerAttributes,
        scriptUrls,
        links: document.querySelectorAll('a[href]').length,
        cspViolations: window.__cspViolations || [],
        checks: checks.length,
        closedPasses: checks.filter((d) => d.classList.contains('pass') && !d.open).length,
        summaryRows: rows('#summary'),
        footerRows: rows('footer'),
        failuresBeforePasses: firstPass < 0 || lastFail < firstPass,
        attentionFirst: !!attention && (firstPassElement ? before(attention, firstPassElement) : true)
          && before(attention, document.querySelector('#checks')),
        missingCheckTypes: checkTypes.filter((t) => !checksText.includes(t)),
        scrollWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        bodyText: document.body.innerText.slice(0, 20000),
      };
    }, job.checkTypes || []);
    Object.assign(result, seen);
    if (job.screenshot) {
      fs.mkdirSync(path.dirname(job.screenshot), { recursive: true });
      await page.screenshot({ path: job.screenshot, fullPage: true });
    }

    if (job.desktopScreenshot) {
      await page.setViewport({ width: 1100, height: 1400, deviceScaleFactor: 1 });
      fs.mkdirSync(path.dirname(job.desktopScreenshot), { recursive: true });
      await page.screenshot({ path: job.desktopScreenshot, fullPage: false });
    }
  } catch (error) {
    result.problems.push(String(error && error.message ? error.message : error).slice(0, 500));
  } finally {
    await page.close().catch(() => undefined);
  }

  return result;
}

async function main() {
  const browserPath = arg('browser');
  const jobs = JSON.parse(fs.readFileSync(arg('jobs'), 'utf8'));
  const out = arg('out');
  const browser = await puppeteer.launch({
    executablePath: browserPath,
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
    timeout: 120000,
  });
  const results = [];
  try {
    for (const job of jobs) {
      results.push(await checkOne(browser, job));
    }
  } finally {
    await browser.close();
  }

  fs.writeFileSync(out, JSON.stringify({ browser: browserPath, results }, null, 2));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
