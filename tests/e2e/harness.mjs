// The end-to-end harness: builds the real app (custom protocol, not the dev server),
// starts Xvfb, tauri-driver and WebKitWebDriver on free ports, and speaks W3C
// WebDriver (classic) over HTTP to the real window. Every process it starts carries
// a marker in its environment, and cleanup() makes sure none of them outlives the run.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT_DIR = path.join(ROOT, 'target', 'e2e');
export const APP_BINARY = path.join(ROOT, 'target', 'debug', exe('tovon-desktop'));
export const CLI_BINARY = path.join(ROOT, 'target', 'debug', exe('tovon'));
export const HQ_BINARY = path.join(ROOT, 'target', 'debug', exe('tovon-hq'));
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const MARKER = 'TOVON_E2E_RUN';

function exe(name) {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** Runs a build step with inherited output; throws with the command on failure. */
function build(command, args) {
  const started = Date.now();
  execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  log(`${command} ${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The app with the custom protocol (assets embedded), and the CLI beside it. */
export function buildApp() {
  build('npx', ['tauri', 'build', '--debug', '--no-bundle', '--ci']);
  build('cargo', ['build', '--quiet', '-p', 'tovon-cli', '-p', 'tovon-hq']);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** A started child process with its collected output, in its own process group. */
function start(command, args, env, extraStdio = []) {
  const child = spawn(command, args, {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...extraStdio],
  });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk) => output.push(chunk.toString()));
  child.output = () => output.join('').slice(-4000);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (error) => output.push(`spawn error: ${error.message}\n`));
  return child;
}

async function startXvfb(env) {
  const xvfb = start('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], env, ['pipe']);
  const display = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display:\n${xvfb.output()}`)), 15000);
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}:\n${xvfb.output()}`));
    });
  });
  return { xvfb, display };
}

/** Every e2e user's password. */
export const PASSWORD = 'синов-пароли-1';

/** The users a run's database gets before the app starts (`users: true`). */
export const USERS = [
  { login: 'admin', name: 'Тизим Администратори', role: 'administrator' },
  { login: 'officer', name: 'Каримова Нилуфар', role: 'officer' },
  { login: 'boss', name: 'Раҳимов Баҳодир', role: 'supervisor' },
];

/** A PINFL for someone born on DDMMYY in the 1900s, serial `serial` (7-3-1 check digit). */
export function pinfl(ddmmyy, serial) {
  const body = `3${ddmmyy}${String(serial).padStart(6, '0')}`;
  const weights = [7, 3, 1];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index % 3], 0);
  return `${body}${sum % 10}`;
}

/** `tovon` on the database at `dbPath`, signed in as `user`; returns its standard output. */
export function cli(dbPath, args, { user = 'officer', input } = {}) {
  return execFileSync(CLI_BINARY, ['--db', dbPath, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, TOVON_USER: user, TOVON_PASSWORD: PASSWORD },
  });
}

/** Makes the users of `USERS` in the database at `dbPath` (created if missing). */
export function makeUsers(dbPath) {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const [first, ...rest] = USERS;
  cli(dbPath, ['user', 'init', first.login, '--name', first.name], { input: `${PASSWORD}\n` });
  for (const user of rest) {
    cli(dbPath, ['user', 'add', user.login, '--name', user.name, '--role', user.role], { user: 'admin', input: `${PASSWORD}\n` });
  }
}

/**
 * Everything the run needs, started; throws loudly when any part cannot start.
 * `dbBytes`, when given, is written as the database file before the app starts; else, with
 * `users`, the database is made with the users of `USERS`. `prepare(desk)` puts other files
 * beside it (backups) then. With `signIn`, that user signs in through the window.
 */
export async function startDesk({ dbBytes, prepare, users = true, signIn: login = 'officer' } = {}) {
  for (const tool of ['Xvfb', 'tauri-driver', 'WebKitWebDriver', 'import']) {
    if (!which(tool)) throw new Error(`${tool} is not installed: run \`make test\`, which installs it`);
  }
  if (!fs.existsSync(APP_BINARY)) throw new Error(`the app is not built (${APP_BINARY}): run \`npm run test:e2e\`, which builds it`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tovon-e2e-'));
  const dbPath = path.join(work, 'desk', 'tovon.sqlite3');
  const marker = randomUUID();
  // The system's PDF viewer, as the opener plugin finds it (xdg-open on PATH): here a
  // stand-in that records the file it was asked to show, in desk.opened.
  const bin = path.join(work, 'bin');
  const opened = path.join(work, 'opened.txt');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`, { mode: 0o755 });
  // The system's file dialogs are shown from Rust; a debug build answers them from this
  // file instead (src-tauri/src/dialogs.rs): desk.answerDialog() writes the next answer.
  const dialogAnswer = path.join(work, 'dialog-answer.txt');
  const env = {
    ...process.env,
    TOVON_E2E_DIALOG: dialogAnswer,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    [MARKER]: marker,
    TOVON_DB: dbPath,
    WEBKIT_DISABLE_COMPOSITING_MODE: '1',
    NO_AT_BRIDGE: '1',
    XDG_DATA_HOME: path.join(work, 'data'),
    XDG_CACHE_HOME: path.join(work, 'cache'),
    XDG_CONFIG_HOME: path.join(work, 'config'),
  };
  const desk = {
    work,
    dbPath,
    opened,
    marker,
    processes: [],
    /** The next file dialog's answer: the paths chosen (none: cancelled). */
    answerDialog: (...paths) => fs.writeFileSync(dialogAnswer, paths.map((chosen) => `${chosen}\n`).join('')),
  };
  if (dbBytes) {
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    fs.writeFileSync(dbPath, dbBytes);
  }
  if (!dbBytes && users) makeUsers(dbPath);
  // Files the test puts beside the database before the app starts (its backups).
  if (prepare) prepare(desk);
  try {
    const { xvfb, display } = await startXvfb(env);
    desk.processes.push(xvfb);
    env.DISPLAY = display;
    desk.display = display;
    const port = await freePort();
    const nativePort = await freePort();
    const tauriDriver = start('tauri-driver', [
      '--port', String(port),
      '--native-port', String(nativePort),
      '--native-driver', which('WebKitWebDriver'),
    ], env);
    desk.processes.push(tauriDriver);
    desk.url = `http://127.0.0.1:${port}`;
    await waitForDriver(desk.url, tauriDriver);
    log(`Xvfb ${display}, tauri-driver :${port}, WebKitWebDriver :${nativePort}, db ${dbPath}`);
    const launched = Date.now();
    const created = await request(desk.url, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: APP_BINARY } } },
    });
    desk.session = created.sessionId;
    desk.launchedAt = launched;
    if (login) await signIn(driver(desk), login);
    return desk;
  } catch (error) {
    await cleanup(desk);
    throw error;
  }
}

async function waitForDriver(url, driver) {
  const deadline = Date.now() + 30000;
  let exited = null;
  driver.exited.then((status) => (exited = status));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`tauri-driver exited (${JSON.stringify(exited)}):\n${driver.output()}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`tauri-driver did not answer on ${url} within 30 s:\n${driver.output()}`);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something truthy (10 s at most) and returns that. */
export async function eventually(probe, what = 'the condition') {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within 10 s`);
    await sleep(100);
  }
}

async function request(url, method, route, body) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok || payload?.value?.error) {
    const error = payload?.value ?? {};
    throw new Error(`WebDriver ${method} ${route}: ${response.status} ${error.error ?? ''} ${error.message ?? ''}`);
  }
  return payload.value;
}

/** Signs `login` in through the window's sign-in form and waits for the desk. */
export async function signIn(window, login, password = PASSWORD) {
  const field = await window.waitFor('#signin-login');
  await window.clear(field);
  await window.type(field, login);
  await window.type(await window.find('#signin-password'), password);
  await window.click(await window.find('#session-submit'));
  await window.waitFor(`#session-user[data-login="${login}"]`);
}

/** Signs whoever is in out, and `login` in. */
export async function switchUser(window, login) {
  await window.click(await window.waitFor('#session-sign-out'));
  // Issue 19: signed out, the keyboard is in the login field (not on a heading, where the
  // login typed would go nowhere and the password land in the login field in clear).
  await window.waitFor('#signin-login');
  await focusIs(window, 'signin-login');
  await signIn(window, login);
}

/** Polls until the element with `id` has the focus. */
export async function focusIs(window, id) {
  const deadline = Date.now() + 5000;
  let last = null;
  while (Date.now() < deadline) {
    last = await window.execute('return document.activeElement ? document.activeElement.id : null');
    if (last === id) return;
    await sleep(50);
  }
  throw new Error(`the focus is on #${last}, not #${id}`);
}

/** WebDriver commands on the session of `desk`. */
export function driver(desk) {
  const call = (method, route, body) => request(desk.url, method, `/session/${desk.session}${route}`, body);
  const self = {
    title: () => call('GET', '/title'),
    url: () => call('GET', '/url'),
    refresh: () => call('POST', '/refresh', {}),
    /** The window's size in CSS pixels (the screen stays 1280×800). */
    setSize: (width, height) => call('POST', '/window/rect', { width, height }),
    execute: (script, args = []) => call('POST', '/execute/sync', { script, args }),
    find: async (css) => (await call('POST', '/element', { using: 'css selector', value: css }))[ELEMENT],
    findAll: async (css) => (await call('POST', '/elements', { using: 'css selector', value: css })).map((e) => e[ELEMENT]),
    text: (element) => call('GET', `/element/${element}/text`),
    click: (element) => call('POST', `/element/${element}/click`, {}),
    type: (element, text) => call('POST', `/element/${element}/value`, { text }),
    clear: (element) => call('POST', `/element/${element}/clear`, {}),
    /** Polls until `css` matches an element; returns it. */
    waitFor: async (css, timeoutMs = 20000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = await self.findAll(css).catch(() => []);
        if (found.length > 0) return found[0];
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${css}`);
    },
    /** Presses `text`'s keys on whatever has the focus (WebDriver actions). */
    keys: async (text) => {
      const actions = [...text].flatMap((key) => [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }]);
      await call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
      await call('DELETE', '/actions');
    },
    /** Polls until nothing matches `css`. */
    waitGone: async (css, timeoutMs = 20000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = await self.findAll(css).catch(() => [1]);
        if (found.length === 0) return;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${css} to go`);
    },
    /** Polls until `css` matches an element whose text satisfies `accept`; returns the text. */
    waitForText: async (css, accept = (text) => text.length > 0, timeoutMs = 20000) => {
      const deadline = Date.now() + timeoutMs;
      let last = '(no element)';
      while (Date.now() < deadline) {
        try {
          last = await self.text(await self.find(css));
          if (accept(last)) return last;
        } catch {
          // not there yet
        }
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${css}; last text: ${JSON.stringify(last)}`);
    },
    /** Two animation frames, so that what the DOM says is also what is painted. */
    painted: () => call('POST', '/execute/async', {
      script: 'const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
      args: [],
    }),
    /**
     * The Xvfb screen (the window fills it) as PNG. WebKitWebDriver's own screenshot
     * hangs with WEBKIT_DISABLE_COMPOSITING_MODE=1 and shows a stale frame without it,
     * so the picture is taken from the X server with ImageMagick's `import`.
     */
    /** Runs `check`; if it fails, the screen is kept as `failure-<name>.png` before the error goes on. */
    failWithScreenshot: async (name, check) => {
      try {
        await check();
      } catch (error) {
        await self.screenshot(`failure-${name}`).catch(() => {});
        throw error;
      }
    },
    screenshot: async (name) => {
      await self.painted();
      fs.mkdirSync(OUT_DIR, { recursive: true });
      const file = path.join(OUT_DIR, `${name}.png`);
      execFileSync('import', ['-display', desk.display, '-window', 'root', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      log(`screenshot ${path.relative(ROOT, file)}`);
      return file;
    },
  };
  return self;
}

/** Ends the session and every process the run started, then checks none is left. */
export async function cleanup(desk) {
  if (desk.session) {
    await request(desk.url, 'DELETE', `/session/${desk.session}`).catch((error) => log(`closing session: ${error.message}`));
    desk.session = null;
  }
  for (const child of [...desk.processes].reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const ended = await Promise.race([child.exited, sleep(5000).then(() => null)]);
      if (!ended) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
  const stragglers = await killMarked(desk.marker);
  desk.processes = [];
  if (desk.work) fs.rmSync(desk.work, { recursive: true, force: true });
  return stragglers;
}

/** Kills any process whose environment carries this run's marker; returns their pids. */
async function killMarked(marker) {
  if (!marker || process.platform !== 'linux') return [];
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (environ.includes(`${MARKER}=${marker}`)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  for (const pid of found) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  if (found.length > 0) await sleep(200);
  return found;
}

/** `tovon db info --json` on the run's database: what SQLite itself says. */
export function dbInfo(desk) {
  return JSON.parse(cli(desk.dbPath, ['db', 'info', '--json']));
}

export function recordTiming(name, milliseconds) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, 'timings.json');
  const timings = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  timings[name] = { milliseconds, measured_at: new Date().toISOString(), host: `${os.hostname()} (${os.cpus().length} cores)` };
  fs.writeFileSync(file, `${JSON.stringify(timings, null, 2)}\n`);
  log(`${name}: ${milliseconds} ms`);
}
