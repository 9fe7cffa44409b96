// End to end: the Vite build of web/ in Debian's headless Chromium on SwiftShader WebGPU. The page
// runs the real GPU operator and WGSL files; checks conservation, entropy, non-blank canvases, a
// parameter change through the form and the no-WebGPU message. Without Chromium the suite is
// skipped with a notice, except under CI=true, where that is a failure.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
/** Where the test leaves its screenshot, for people to look at. */
const SCREENSHOT = path.join(tmpdir(), 'landau3d-web-demo.png');

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`CI requires ${CHROMIUM} for the browser demo test (apt-get install chromium)`);
  console.warn(`SKIPPING WEB DEMO TEST: ${CHROMIUM} not found (apt-get install chromium)`);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serve(root: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** RGB bytes of a 2D canvas. */
async function pixels(page: Page, id: string): Promise<number[]> {
  return page.evaluate((id) => {
    const c = document.getElementById(id) as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  }, id);
}

async function readout(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`#${id}`).getAttribute('data-value'));
}

/** True when tick labels are round: consecutive multiples of 1, 2 or 5 × 10^k (decades 1e-k on a log axis; '+' marks labels counted from an offset). */
function roundTicks(labels: string[]): boolean {
  const decades = labels.every((l) => /^(1|1e-?\d+)$/.test(l));
  const values = labels.map((l) => (decades ? Math.log10(Number(l)) : Number(l)));
  if (values.length < 2 || values.some((v) => !Number.isFinite(v))) return false;
  const step = values[1]! - values[0]!;
  const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  const roundStep = [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6);
  return roundStep && values.every((v, i) => Math.abs(v / step - Math.round(v / step)) < 1e-6 && (i === 0 || Math.abs(v - values[i - 1]! - step) <= 1e-6 * step));
}

/** Whether two boxes overlap by more than a pixel. */
function intersects(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x + a.width > b.x + 1 && b.x + b.width > a.x + 1 && a.y + a.height > b.y + 1 && b.y + b.height > a.y + 1;
}

async function waitForSteps(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      if (document.body.dataset.state === 'error') throw new Error(document.getElementById('error')!.textContent ?? 'error');
      return Number(document.getElementById('steps')?.dataset.value ?? -1) >= n;
    },
    atLeast,
    { timeout: 60_000, polling: 100 },
  );
}

describe.skipIf(!haveChromium)('browser demo (Vite build, headless Chromium, SwiftShader)', () => {
  let outDir = '';
  let server: http.Server;
  let origin = '';
  let browser: Browser;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'landau3d-web-'));
    const vite = path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO,
    });
    server = await serve(outDir);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...WEBGPU_ARGS, ...BASE_ARGS], timeout: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('runs the GPU solver at N = 12: mass conserved, entropy down, canvases drawn, controls work', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      // N = 12 does not resolve the δ = 0.1 bump: the small grid keeps SwiftShader fast, and the
      // page says what it misses because the URL allows unresolved data.
      await page.goto(`${origin}/?scenario=blowdown&n=12&L=6&conv=direct&delta=0.1&alpha=0.4&unresolved=allow`);
      await waitForSteps(page, 4);
      expect(await page.locator('#resolution').textContent()).toMatch(/NOT resolved \(allowed\): N = 12 does not resolve the bump .* N ≥ 30 resolves it at L = 6/);
      await page.click('#play'); // pause
      await page.waitForFunction(() => document.body.dataset.state === 'paused' && !document.body.dataset.busy);
      expect(await page.locator('#device').textContent()).toMatch(/swiftshader/i);

      const steps = await readout(page, 'steps');
      expect(steps).toBeGreaterThanOrEqual(4);
      expect(await readout(page, 'time')).toBeGreaterThan(0);
      const drift = await readout(page, 'mass-drift');
      expect(Math.abs(drift)).toBeLessThan(1e-6);
      expect(await readout(page, 'entropy-change')).toBeLessThan(0);
      expect(Number.isFinite(await readout(page, 'entropy'))).toBe(true);
      expect(await readout(page, 'steps-per-second')).toBeGreaterThan(0);

      // Canvases are drawn: many distinct colours in each slice, a spread of grey levels in the plots.
      const stats: { id: string; colours: number; nonWhite: number }[] = await page.evaluate(() =>
        Array.from(document.querySelectorAll('canvas')).map((c) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          const colours = new Set<number>();
          let nonWhite = 0;
          for (let i = 0; i < d.length; i += 4) {
            colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
            if (d[i]! + d[i + 1]! + d[i + 2]! < 720) nonWhite++;
          }
          return { id: c.id, colours: colours.size, nonWhite: nonWhite / (d.length / 4) };
        }),
      );
      expect(stats.map((s) => s.id).sort()).toEqual(
        [
          'colour-bar', 'profile', 'series-anisotropy', 'series-ef', 'series-entropy', 'series-mass',
          'series-fisher', 'series-energy', 'series-momentum', 'slice-xy', 'slice-xz', 'slice-yz', 'volume',
        ].sort(),
      );
      for (const s of stats) {
        expect(s.colours, s.id).toBeGreaterThan(s.id.startsWith('slice') ? 20 : 5);
        expect(s.nonWhite, s.id).toBeGreaterThan(s.id.startsWith('slice') ? 0.5 : 0.01);
      }

      // Every axis is ticked at round values (the plots list their tick labels on the canvas).
      const ticks: { id: string; axis: string; labels: string[] }[] = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLCanvasElement>('#plots canvas, #colour-bar')).flatMap((c) =>
          (['xTicks', 'yTicks'] as const).filter((k) => c.dataset[k]).map((k) => ({ id: c.id, axis: k, labels: c.dataset[k]!.split(' ') })),
        ),
      );
      expect(ticks.length).toBeGreaterThanOrEqual(15);
      for (const t of ticks) expect(roundTicks(t.labels), `${t.id} ${t.axis}: ${t.labels.join(' ')}`).toBe(true);

      // The 3D view (ray-marched on the solver's device, read back into its canvas): many colours, a lit volume.
      await page.waitForFunction(() => Number(document.getElementById('volume')!.dataset.frames ?? 0) >= 1);
      const volume = await page.evaluate(() => {
        const c = document.getElementById('volume') as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set<number>();
        let bright = 0;
        for (let i = 0; i < d.length; i += 4) {
          colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
          if (d[i]! + d[i + 1]! + d[i + 2]! > 150) bright++;
        }
        return { colours: colours.size, bright: bright / (d.length / 4) };
      });
      expect(volume.colours, 'volume colours').toBeGreaterThan(50);
      expect(volume.bright, 'volume bright fraction').toBeGreaterThan(0.02);

      // The deviation toggle: F − M − E(t) with a diverging map; the URL records it; back to log F gives the same pixels.
      const logPixels = await pixels(page, 'slice-xy');
      await page.selectOption('#slices-view', 'dev');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('slices') === 'dev');
      expect(await page.locator('#slices-title').textContent()).toMatch(/F − M − E\(t\)/);
      const devPixels = await pixels(page, 'slice-xy');
      let changed = 0;
      for (let i = 0; i < logPixels.length; i += 4) if (logPixels[i] !== devPixels[i] || logPixels[i + 1] !== devPixels[i + 1] || logPixels[i + 2] !== devPixels[i + 2]) changed++;
      expect(changed / (logPixels.length / 4)).toBeGreaterThan(0.3);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await page.selectOption('#slices-view', 'log');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('slices') === 'log');
      expect(await pixels(page, 'slice-xy')).toEqual(logPixels);
      expect(steps).toBe(await readout(page, 'steps')); // the toggle does not touch the run

      // A bad value is reported next to its control and changes nothing.
      await page.fill('#n', '3.5');
      await page.press('#n', 'Tab');
      await expect.poll(() => page.locator('#err-n').textContent()).toMatch(/whole number/);
      expect(page.url()).toContain('n=12');

      // A valid change rebuilds the run: the URL, the grid and the step count follow.
      await page.selectOption('#scenario', 'maxwellian');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('scenario') === 'maxwellian');
      await page.fill('#n', '8');
      await page.press('#n', 'Tab');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('n') === '8' && document.body.dataset.state === 'paused');
      expect(await page.locator('#err-n').textContent()).toBe('');
      expect(await readout(page, 'steps')).toBe(0);
      // ‖E + f‖ measures the blow-down against E(t): elsewhere its panel is gone and the read-out says why.
      expect(await page.locator('#series-ef').isHidden()).toBe(true);
      expect(await page.locator('#ef-l2m').textContent()).toMatch(/does not apply/);
      await page.click('#step');
      await waitForSteps(page, 1);
      // A sampled Maxwellian is an exact discrete equilibrium: H stays put to f32 round-off.
      expect(Math.abs(await readout(page, 'entropy-change'))).toBeLessThan(1e-5);
      expect(Math.abs(await readout(page, 'mass-drift'))).toBeLessThan(1e-6);

      // Steps per frame: in the URL, and batches of that many steps (1 from the step button, then 2 at a time).
      await page.selectOption('#speed', '2');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('speed') === '2');
      expect(await readout(page, 'steps')).toBe(1);
      await page.click('#play');
      await waitForSteps(page, 5);
      await page.click('#play');
      await page.waitForFunction(() => document.body.dataset.state === 'paused');
      await page.waitForFunction(() => !document.body.dataset.busy);
      expect((await readout(page, 'steps')) % 2).toBe(1);

      // The shared URL restores the state.
      const shared = page.url();
      const again = await browser.newPage();
      await again.goto(shared);
      await again.waitForFunction(() => Number(document.getElementById('steps')?.dataset.value ?? -1) >= 0);
      expect(await again.inputValue('#scenario')).toBe('maxwellian');
      expect(await again.inputValue('#n')).toBe('8');
      expect(await again.inputValue('#speed')).toBe('2');
      await again.close();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('fits a 400 px screen without horizontal overflow, stops at its end time, picks the FFT by itself and loads no missing file', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    });
    try {
      await page.goto(`${origin}/?scenario=maxwellian&n=12&L=6&tEnd=0.3`);
      await page.waitForFunction(() => document.body.dataset.state === 'ended', undefined, { timeout: 60_000, polling: 100 });
      expect(await page.locator('#status').textContent()).toMatch(/the end time 0\.3 is reached/);
      expect(await readout(page, 'time')).toBeCloseTo(0.3, 9);
      expect(await page.inputValue('#conv')).toBe('auto');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
      expect(await page.locator('#monotonicity').textContent()).toMatch(/entropy (never increases|increases between .* all within f32 round-off)/);
      expect(missing).toEqual([]);
      await page.setViewportSize({ width: 1600, height: 900 });
      // Wide screens use the width: three columns.
      expect((await page.evaluate(() => getComputedStyle(document.getElementById('app')!).gridTemplateColumns)).split(' ')).toHaveLength(3);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('keeps the form beside the read-outs at 1300, 1600 and 1920 px, and a URL loses only the value it cannot run', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      // δ = 0.01 needs N ≥ 93, beyond the demo's 48: only δ is refused; N, L, the path, α, the order and the end time stay.
      await page.goto(`${origin}/?scenario=blowdown&n=20&L=6&conv=fft&delta=0.01&alpha=0.35&gradient=4&tEnd=0.5`);
      await page.waitForFunction(() => document.getElementById('err-delta')!.textContent !== '');
      expect(await page.locator('#err-delta').textContent()).toMatch(/N = 20 does not resolve the bump .* N ≥ 93 .* beyond the demo's N ≤ 48; using δ = 0\.3/);
      expect(await page.inputValue('#delta')).toBe('0.3');
      for (const [id, value] of [['n', '20'], ['L', '6'], ['conv', 'fft'], ['alpha', '0.35'], ['gradient', '4'], ['t-end', '0.5']] as const) {
        expect(await page.inputValue(`#${id}`), id).toBe(value);
      }
      expect(await page.locator('#err-n').textContent()).toBe('');
      for (const width of [1300, 1600, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        const readoutBox = (await page.locator('#readout').boundingBox())!;
        const fieldsets = await page.locator('#controls fieldset').all();
        expect(fieldsets.length).toBe(4);
        for (const fieldset of fieldsets) {
          const box = (await fieldset.boundingBox())!;
          expect(intersects(box, readoutBox), `${width} px: a fieldset ${JSON.stringify(box)} overlaps the read-outs ${JSON.stringify(readoutBox)}`).toBe(false);
          expect(box.x + box.width, `${width} px`).toBeLessThanOrEqual(readoutBox.x);
        }
        await page.screenshot({ path: path.join(tmpdir(), `landau3d-web-demo-${width}.png`) });
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('says so when WebGPU is not available', async () => {
    const plain = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS], timeout: 60_000 });
    try {
      const page = await plain.newPage();
      await page.goto(`${origin}/`);
      const notice = page.locator('#no-webgpu');
      await notice.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await notice.textContent()).toMatch(/WebGPU is not available/);
      expect(await page.locator('#app').isHidden()).toBe(true);
    } finally {
      await plain.close();
    }
  }, 60_000);
});
