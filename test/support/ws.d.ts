// `ws` ships no type declarations; the tests only hand its client class to graphql-ws, which needs
// a constructor with the standard WebSocket shape.
declare module 'ws' {
  export const WebSocket: typeof globalThis.WebSocket;
}
