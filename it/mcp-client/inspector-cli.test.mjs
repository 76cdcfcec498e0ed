// A second real client against the sample MCP server behind TokenGuard: the MCP Inspector in CLI mode
// (@modelcontextprotocol/inspector, pinned in package.json), run as a child process with a bearer token.
// Run by it/suite's McpIT, which starts the server and passes what these tests need in the environment:
//   MCP_URL, READ_TOKEN, ADMIN_TOKEN, EXPIRED_TOKEN
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `environment variable ${name} must be set (run these tests through McpIT)`);
  return value;
};
const MCP_URL = env('MCP_URL');

// The package's `mcp-inspector` bin (its launcher); `--cli` must be the first argument, or it starts the web UI.
const INSPECTOR = fileURLToPath(new URL(
  './node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js', import.meta.url));

// The inspector keeps state under ~/.mcp-inspector (it creates ~/.mcp-inspector/storage on every run):
// give it a HOME of its own, never fall back to interactive OAuth (no browser), keep secrets in memory.
let home;
before(async () => {
  home = await mkdtemp(join(tmpdir(), 'mcp-inspector-home-'));
});
after(async () => {
  await rm(home, { recursive: true, force: true });
});

function inspector(token, ...args) {
  const argv = [INSPECTOR, '--cli', MCP_URL, '--transport', 'http',
    '--header', `Authorization: Bearer ${token}`, '--format', 'json', ...args];
  const childEnv = {
    ...process.env, HOME: home, USERPROFILE: home,
    MCP_AUTO_OPEN_ENABLED: 'false', MCP_INSPECTOR_SECRET_STORE: 'memory', NO_COLOR: '1',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      // error.code: the exit code (or a spawn error code); error.signal: set when the timeout killed it.
      resolve({ code: error ? error.code : 0, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

const describe = (run) => `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;

// With --format json the inspector prints {"result": ...} on stdout on success, and on failure
// {"error": {"code", "message"}} as the last line of stderr.
function errorEnvelope(run) {
  const line = run.stderr.trim().split('\n').at(-1);
  return JSON.parse(line).error;
}

test('inspector CLI: with the read token, tools/list lists only list_notes', async () => {
  const run = await inspector(env('READ_TOKEN'), '--method', 'tools/list');
  assert.equal(run.code, 0, describe(run));
  const { tools } = JSON.parse(run.stdout).result;
  assert.deepEqual(tools.map((t) => t.name), ['list_notes'], describe(run));
});

test('inspector CLI: with the read token, tools/call list_notes returns the notes', async () => {
  const run = await inspector(env('READ_TOKEN'), '--method', 'tools/call', '--tool-name', 'list_notes');
  assert.equal(run.code, 0, describe(run));
  const { result } = JSON.parse(run.stdout);
  assert.equal(result.isError ?? false, false, describe(run));
  assert.match(result.content[0].text, /first note; second note \(for alice\)/);
});

test('inspector CLI: with the read token, delete_note is not offered; with an admin token it is called', async () => {
  // The CLI lists the tools before a call and will not call one the server does not list: TokenGuard lists only
  // what the token may call, so the read token's call never leaves the client.
  const run = await inspector(env('READ_TOKEN'), '--method', 'tools/call', '--tool-name', 'delete_note',
    '--tool-arg', 'id="1"');
  assert.equal(run.code, 5, describe(run));
  assert.equal(errorEnvelope(run).code, 'tool_not_found', describe(run));

  // id="1": --tool-arg JSON-parses its value, and a bare 1 would be sent as a number (the schema says string).
  const admin = await inspector(env('ADMIN_TOKEN'), '--method', 'tools/call', '--tool-name', 'delete_note',
    '--tool-arg', 'id="1"');
  assert.equal(admin.code, 0, describe(admin));
  assert.match(JSON.parse(admin.stdout).result.content[0].text, /deleted note 1 \(by bob\)/, describe(admin));
});

test('inspector CLI: an expired token is refused with 401 (auth_required), without trying interactive OAuth', async () => {
  const run = await inspector(env('EXPIRED_TOKEN'), '--method', 'tools/list');
  assert.equal(run.code, 3, describe(run));
  assert.equal(errorEnvelope(run).code, 'auth_required', describe(run));
});
