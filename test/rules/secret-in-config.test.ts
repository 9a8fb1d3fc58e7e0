import rule from '../../src/rules/secret-in-config.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { fake } from './content-table.js';
import { imageRuleTable } from './image-table.js';

// made to the providers' formats (GitHub's and npm's checksum), never real tokens
const GH = withBase62Checksum('ghp_', fake(30, 501));
const NPM = withBase62Checksum('npm_', fake(30, 502));
const GL = `glpat-${fake(20, 503)}`;

const layers = [{ files: [{ path: 'bin/app', size: 10 }] }];

imageRuleTable(rule, {
  valid: [
    {
      name: 'ordinary ENV, LABEL and history',
      recipe: {
        layers: [{ files: [{ path: 'bin/app', size: 10 }], createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' }],
        config: {
          Env: [
            'PATH=/usr/local/bin:/usr/bin',
            'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
            'PWD=/app',
            'TOKENIZERS_PARALLELISM=false',
          ],
          Labels: { 'org.opencontainers.image.authors': 'me', maintainer: 'me@example.com' },
        },
      },
    },
    {
      name: 'placeholders, empty values and secret files by path',
      recipe: {
        layers,
        config: {
          Env: [
            'DB_PASSWORD=',
            'DB_PASSWORD_FILE=/run/secrets/db',
            'API_TOKEN=${API_TOKEN}',
            'NODE_AUTH_TOKEN=changeme',
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'ENV with a secret name, masked',
      recipe: { layers, config: { Env: ['MYSQL_ROOT_PASSWORD=supersecretpassword1'] } },
      findings: [
        {
          layer: undefined,
          message: 'ENV holds a secret: MYSQL_ROOT_PASSWORD=supe****',
          data: { source: 'env', key: 'MYSQL_ROOT_PASSWORD', masked: 'supe****', kind: 'secret-name' },
        },
      ],
    },
    {
      name: 'short values are fully masked; a token format under any key',
      recipe: { layers, config: { Env: ['API_KEY=abc123', `SOME_VALUE=${GH}`] } },
      findings: [
        { data: { key: 'API_KEY', masked: '****' } },
        { message: '(github-pat)', data: { key: 'SOME_VALUE', masked: 'ghp_****', kind: 'github-pat' } },
      ],
    },
    {
      name: 'LABEL with credentials in a URL',
      recipe: { layers, config: { Labels: { 'com.example.db': 'postgres://app:pa55word@db:5432/app' } } },
      findings: [{ data: { source: 'label', key: 'com.example.db', kind: 'database-url' } }],
    },
    {
      name: 'build args recorded in the history of the RUN that used them',
      recipe: {
        layers: [
          { files: [{ path: 'bin/app', size: 10 }] },
          {
            files: [{ path: 'app/node_modules/x', size: 10 }],
            createdBy: `|2 NPM_TOKEN=${NPM} NODE_ENV=production /bin/sh -c npm ci`,
          },
        ],
      },
      findings: [
        {
          layer: 1,
          data: { source: 'history', key: 'NPM_TOKEN', masked: 'npm_****', kind: 'npm-access-token', historyIndex: 1 },
        },
      ],
    },
    {
      name: 'ENV repeated in the history is reported once',
      recipe: {
        layers: [{ files: [{ path: 'bin/app', size: 10 }] }],
        emptyHistory: [{ before: 1, createdBy: '/bin/sh -c #(nop)  ENV SECRET_KEY=abcdefghijklmnopqrstuvwxyz' }],
        config: { Env: ['SECRET_KEY=abcdefghijklmnopqrstuvwxyz'] },
      },
      findings: [{ data: { source: 'env', key: 'SECRET_KEY' } }],
    },
    {
      name: 'on the RUN line (BuildKit history) and on the ENV line',
      dockerfile: 'FROM scratch\nARG TOKEN\nENV ADMIN_PASSWORD=correcthorsebattery\nRUN echo $TOKEN\n',
      recipe: {
        layers: [
          {
            files: [{ path: 'x', size: 1 }],
            createdBy: `RUN |1 TOKEN=${GL} /bin/sh -c echo $TOKEN # buildkit`,
          },
        ],
        emptyHistory: [{ before: 0, createdBy: 'ENV ADMIN_PASSWORD=correcthorsebattery' }],
        config: { Env: ['ADMIN_PASSWORD=correcthorsebattery'] },
      },
      findings: [
        { line: 3, data: { source: 'env', key: 'ADMIN_PASSWORD' } },
        { layer: 0, line: 4, data: { source: 'history', key: 'TOKEN', kind: 'gitlab-pat' } },
      ],
    },
  ],
});
