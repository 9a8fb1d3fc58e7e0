// A throwaway PKI for the TLS tests, made with openssl: a CA, a server certificate for 127.0.0.1
// and localhost (subjectAltName, as Go and Node check it), and a client certificate for mutual TLS.
// Every file is PEM. EC P-256 keys: quick to generate, and every component here accepts them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from './bins.js';
import { run } from './process.js';

export interface TestPki {
  dir: string;
  /** the CA certificate: what a client must trust */
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  /** a client certificate signed by the same CA (extendedKeyUsage clientAuth) */
  clientCert: string;
  clientKey: string;
}

/** A CA under `dir` (created), with a server and a client certificate it signed; `name` goes into the subjects. */
export function makeTestPki(dir: string, name = 'layerlint-test'): TestPki {
  const openssl = requireBinary('openssl', 'openssl');
  mkdirSync(dir, { recursive: true });
  const path = (f: string) => join(dir, f);
  const newKey = (file: string) =>
    run(openssl, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path(file)]);
  newKey('ca.key');
  run(openssl, [
    'req',
    '-x509',
    '-new',
    '-key',
    path('ca.key'),
    '-sha256',
    '-days',
    '2',
    '-subj',
    `/CN=${name}-ca`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    path('ca.crt'),
  ]);
  const issue = (base: string, cn: string, extensions: string[]) => {
    newKey(`${base}.key`);
    run(openssl, ['req', '-new', '-key', path(`${base}.key`), '-subj', `/CN=${cn}`, '-out', path(`${base}.csr`)]);
    writeFileSync(path(`${base}.ext`), `${extensions.join('\n')}\n`);
    run(openssl, [
      'x509',
      '-req',
      '-in',
      path(`${base}.csr`),
      '-CA',
      path('ca.crt'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      path(`${base}.ext`),
      '-out',
      path(`${base}.crt`),
    ]);
  };
  issue('server', '127.0.0.1', [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  issue('client', `${name}-client`, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=clientAuth',
  ]);
  return {
    dir,
    caCert: path('ca.crt'),
    caKey: path('ca.key'),
    serverCert: path('server.crt'),
    serverKey: path('server.key'),
    clientCert: path('client.crt'),
    clientKey: path('client.key'),
  };
}
