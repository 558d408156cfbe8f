// The tus reference server (@tus/server + @tus/file-store) on 127.0.0.1 for Lectern's upload tests.
// Usage: node tus_server.js PORT STORE_DIR   — serves /files/, keeps uploads in STORE_DIR.
const http = require('node:http');
const { Server } = require('@tus/server');
const { FileStore } = require('@tus/file-store');

const [port, directory] = process.argv.slice(2);
const tus = new Server({ path: '/files', datastore: new FileStore({ directory }) });
http.createServer((req, res) => {
  console.log(`${req.method} ${req.url} offset=${req.headers['upload-offset'] ?? '-'} length=${req.headers['content-length'] ?? '-'}`);
  tus.handle(req, res);
}).listen(Number(port), '127.0.0.1', () => console.log(`tus listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
