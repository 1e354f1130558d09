// Starts fauxqs for the msgflow-aws integration tests: port from FAUXQS_PORT (0 = any free one),
// request logging off. Prints the bound address once; stops when its standard input closes, so it
// never outlives the JVM that started it. Run with `node --require ./bind-loopback.cjs server.mjs`.
import { startFauxqs } from 'fauxqs';

const server = await startFauxqs({ port: Number(process.env.FAUXQS_PORT ?? 0), logger: false });
process.stdout.write(`MSGFLOW_FAUXQS_LISTENING ${server.address}\n`);

const stop = () => server.stop().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.on('SIGTERM', stop);
process.stdin.resume();
