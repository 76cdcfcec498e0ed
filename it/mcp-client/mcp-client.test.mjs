// The official MCP TypeScript SDK client against the sample MCP server behind TokenGuard.
// Run by it/suite's McpIT, which starts the server and passes what these tests need in the environment:
//   MCP_URL, ISSUER_URL, READ_TOKEN, EXPIRED_TOKEN, OTHER_RESOURCE_TOKEN, CLIENT_ID, CLIENT_SECRET
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  extractWWWAuthenticateParams,
  discoverOAuthProtectedResourceMetadata,
  discoverAuthorizationServerMetadata,
  discoverOAuthServerInfo,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `environment variable ${name} must be set (run these tests through McpIT)`);
  return value;
};
const MCP_URL = env('MCP_URL');
const ISSUER_URL = env('ISSUER_URL');
const ORIGIN = new URL(MCP_URL).origin;
const METADATA_URL = `${ORIGIN}/.well-known/oauth-protected-resource/mcp`;

function transportWithToken(token) {
  return new StreamableHTTPClientTransport(new URL(MCP_URL), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
}

async function connected(token) {
  const client = new Client({ name: 'tokenguard-it', version: '1.0.0' });
  await client.connect(transportWithToken(token));
  return client;
}

const initialize = {
  jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

function post(body, token, sessionId) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (sessionId) headers['mcp-session-id'] = sessionId;
  return fetch(MCP_URL, { method: 'POST', headers, body: JSON.stringify(body) });
}

test('with a read token the client initializes, sees only the tool it may call, and calls it', async () => {
  const client = await connected(env('READ_TOKEN'));
  try {
    assert.equal(client.getServerVersion().name, 'tokenguard-sample');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['list_notes'], 'delete_note needs admin: not listed');
    const result = await client.callTool({ name: 'list_notes', arguments: {} });
    assert.equal(result.isError ?? false, false);
    assert.match(result.content[0].text, /first note; second note \(for alice\)/);
  } finally {
    await client.close();
  }
});

test('without a token: 401, and the SDK discovers the metadata and the authorization server from the challenge', async () => {
  const response = await post(initialize);
  assert.equal(response.status, 401);
  const challenge = extractWWWAuthenticateParams(response);
  assert.equal(challenge.resourceMetadataUrl?.href, METADATA_URL);
  assert.equal(challenge.error, undefined, 'no error code when there simply is no token (RFC 6750 §3.1)');

  // From the challenge's resource_metadata ...
  const fromChallenge = await discoverOAuthProtectedResourceMetadata(MCP_URL, {
    resourceMetadataUrl: challenge.resourceMetadataUrl,
  });
  // ... and by the SDK's own path-aware discovery, without the hint.
  const discovered = await discoverOAuthProtectedResourceMetadata(MCP_URL);
  for (const metadata of [fromChallenge, discovered]) {
    assert.equal(metadata.resource, MCP_URL);
    assert.deepEqual(metadata.authorization_servers, [ISSUER_URL]);
    assert.deepEqual([...metadata.scopes_supported].sort(), ['admin', 'read'], 'the MCP tools\' scopes');
    assert.deepEqual(metadata.bearer_methods_supported, ['header']);
  }

  const asMetadata = await discoverAuthorizationServerMetadata(ISSUER_URL);
  assert.equal(asMetadata.issuer, ISSUER_URL);
  assert.equal(asMetadata.token_endpoint, `${ISSUER_URL}/token`);

  const info = await discoverOAuthServerInfo(MCP_URL);
  assert.equal(info.authorizationServerUrl, ISSUER_URL);
  assert.equal(info.resourceMetadata.resource, MCP_URL);

  // And the SDK client without credentials fails with that 401.
  const client = new Client({ name: 'anonymous', version: '1.0.0' });
  await assert.rejects(client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL))),
    (error) => error instanceof StreamableHTTPError && error.code === 401);
});

test('step-up: the read token is refused delete_note with 403 scope="admin"; an admin token from the authorization server succeeds', async () => {
  const client = await connected(env('READ_TOKEN'));
  try {
    await assert.rejects(client.callTool({ name: 'delete_note', arguments: { id: '1' } }),
      (error) => error instanceof StreamableHTTPError && error.code === 403);
  } finally {
    await client.close();
  }

  // The same call over plain HTTP, to see the scope challenge the 2025-11-25 revision describes.
  const init = await post(initialize, env('READ_TOKEN'));
  assert.equal(init.status, 200);
  const sessionId = init.headers.get('mcp-session-id');
  await init.body?.cancel();
  const call = await post({ jsonrpc: '2.0', id: 2, method: 'tools/call',
    params: { name: 'delete_note', arguments: { id: '1' } } }, env('READ_TOKEN'), sessionId);
  assert.equal(call.status, 403);
  const challenge = extractWWWAuthenticateParams(call);
  assert.equal(challenge.error, 'insufficient_scope');
  assert.equal(challenge.scope, 'admin');
  assert.equal(challenge.resourceMetadataUrl?.href, METADATA_URL);

  // Step up: ask the authorization server the metadata names for a token with that scope (client credentials).
  const provider = new ClientCredentialsProvider({
    clientId: env('CLIENT_ID'), clientSecret: env('CLIENT_SECRET'), expectedIssuer: ISSUER_URL, scope: challenge.scope,
  });
  const admin = new Client({ name: 'stepped-up', version: '1.0.0' });
  await admin.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), { authProvider: provider }));
  try {
    const granted = JSON.parse(Buffer.from(provider.tokens().access_token.split('.')[1], 'base64url').toString());
    const scopes = granted.scope.split(' ');
    assert.ok(scopes.includes('admin'), `granted: ${granted.scope}`);
    const { tools } = await admin.listTools();
    const expected = scopes.includes('read') ? ['delete_note', 'list_notes'] : ['delete_note'];
    assert.deepEqual(tools.map((t) => t.name).sort(), expected, `tools for ${granted.scope}`);
    const result = await admin.callTool({ name: 'delete_note', arguments: { id: '1' } });
    assert.equal(result.isError ?? false, false);
    assert.match(result.content[0].text, new RegExp(`deleted note 1 \\(by ${env('CLIENT_ID')}\\)`));
  } finally {
    await admin.close();
  }
});

test('resources and prompts: a read token lists only what it may read, and is refused the rest with 403', async () => {
  const client = await connected(env('READ_TOKEN'));
  try {
    const { resources } = await client.listResources();
    assert.deepEqual(resources.map((r) => r.uri), ['notes://index'], 'notes://audit-log needs admin: not listed');
    const index = await client.readResource({ uri: 'notes://index' });
    assert.equal(index.contents[0].text, 'first note; second note');
    await assert.rejects(client.readResource({ uri: 'notes://audit-log' }),
      (error) => error instanceof StreamableHTTPError && error.code === 403);
    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name), ['summarize_notes'], 'purge_notes needs admin: not listed');
    const prompt = await client.getPrompt({ name: 'summarize_notes' });
    assert.equal(prompt.messages[0].content.text, 'Summarize the notes.');
    await assert.rejects(client.getPrompt({ name: 'purge_notes' }),
      (error) => error instanceof StreamableHTTPError && error.code === 403);
  } finally {
    await client.close();
  }
});

test('a body TokenGuard cannot read as the MCP server would is refused with a JSON-RPC parse error', async () => {
  const init = await post(initialize, env('READ_TOKEN'));
  const sessionId = init.headers.get('mcp-session-id');
  await init.body?.cancel();
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream',
    authorization: `Bearer ${env('READ_TOKEN')}`, 'mcp-session-id': sessionId };
  // Two "name" members: the SDK's parser would take the last one and run delete_note.
  const duplicate = '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_notes","name":"delete_note","arguments":{"id":"1"}}}';
  for (const body of [duplicate, '{"jsonrpc":"2.0","id":4,"method":"tools/list"}{}', '{']) {
    const response = await fetch(MCP_URL, { method: 'POST', headers, body });
    assert.equal(response.status, 400, body);
    const error = await response.json();
    assert.equal(error.error.code, -32700, body);
  }
});

test('an expired token is refused', async () => {
  const response = await post(initialize, env('EXPIRED_TOKEN'));
  assert.equal(response.status, 401);
  assert.equal(extractWWWAuthenticateParams(response).error, 'invalid_token');
  assert.match(response.headers.get('www-authenticate'), /error_description="token has expired"/);
  const client = new Client({ name: 'expired', version: '1.0.0' });
  await assert.rejects(client.connect(transportWithToken(env('EXPIRED_TOKEN'))),
    (error) => error instanceof StreamableHTTPError && error.code === 401);
});

test('a token issued for another resource is refused (no token passthrough)', async () => {
  const response = await post(initialize, env('OTHER_RESOURCE_TOKEN'));
  assert.equal(response.status, 401);
  assert.match(response.headers.get('www-authenticate'), /error_description="token audience is not accepted"/);
  const client = new Client({ name: 'other-resource', version: '1.0.0' });
  await assert.rejects(client.connect(transportWithToken(env('OTHER_RESOURCE_TOKEN'))),
    (error) => error instanceof StreamableHTTPError && error.code === 401);
});

test('the SDK completes the whole OAuth flow itself: 401, discovery, client-credentials token for this resource, tools', async () => {
  const provider = new ClientCredentialsProvider({
    clientId: env('CLIENT_ID'), clientSecret: env('CLIENT_SECRET'), expectedIssuer: ISSUER_URL,
  });
  const client = new Client({ name: 'oauth-client', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), { authProvider: provider }));
  try {
    const result = await client.callTool({ name: 'delete_note', arguments: { id: '7' } });
    assert.match(result.content[0].text, new RegExp(`deleted note 7 \\(by ${env('CLIENT_ID')}\\)`));
    const tokens = provider.tokens();
    assert.ok(tokens?.access_token, 'the provider holds the token it obtained');
    const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.aud, MCP_URL, 'requested for this resource (RFC 8707)');
    assert.equal(claims.iss, ISSUER_URL);
  } finally {
    await client.close();
  }
});
