/**
 * Internal: the filter in front of an MCP server (MCP Java SDK servlet transport) that checks each JSON-RPC
 * operation's scopes before the server sees it. No type here refers to the MCP SDK, so a WAR without it loads
 * these classes unharmed. Not API: anything here may change in any release.
 */
package dev.tokenguard.internal.mcp;
