import rule from '../../src/rules/secret-database-url.js';
import { contentRuleTable, fake } from './content-table.js';

const pw = fake(16, 161);

contentRuleTable(rule, {
  valid: [
    {
      name: 'templates and documentation placeholders',
      text: [
        'postgres://user:password@localhost/db',
        'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
        'mysql://root:<password>@127.0.0.1/test',
        'mongodb://admin:%s@%s/admin',
        'redis://:****@cache:6379',
        'postgres://app@db/app',
        'https://user:pass@example.com/',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a Postgres URL with a password in a settings file',
      path: '/app/settings.py',
      text: `DEBUG = False\nDATABASES = {"default": dj_database_url.parse("postgresql://app:${pw}@db.internal:5432/app")}\n`,
      secret: pw,
      findings: [{ kind: 'database-url', evidence: 'postgresql://app:****@db.internal', line: 2 }],
    },
    {
      name: 'a MongoDB SRV URL and a JDBC one',
      text: `MONGO=mongodb+srv://svc:${pw}@cluster0.example.net/app\nJDBC=jdbc:mysql://root:${pw}x@10.0.0.5:3306/shop\n`,
      secret: pw,
      findings: [
        { kind: 'database-url', evidence: 'mongodb+srv://svc:****@cluster0.example.net', line: 1 },
        { kind: 'database-url', evidence: 'mysql://root:****@10.0.0.5', line: 2 },
      ],
    },
  ],
});
