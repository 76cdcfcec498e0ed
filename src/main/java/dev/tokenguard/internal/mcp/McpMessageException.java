package dev.tokenguard.internal.mcp;

/**
 * Why a POSTed MCP body was refused before the MCP server saw it, as a JSON-RPC error code; the message is a
 * fixed category and never quotes the body.
 */
final class McpMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** JSON-RPC 2.0: the text is not one JSON value we read the way the MCP SDK does. */
    static final int PARSE_ERROR = -32700;
    /** JSON-RPC 2.0: JSON, but not a message whose operation can be told. */
    static final int INVALID_REQUEST = -32600;

    private final int code;

    McpMessageException(int code, String category) {
        super(category);
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Refusing hostile input is routine: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
