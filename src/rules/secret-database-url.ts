import { contentSecretRule } from '../secrets/content-rule.js';
import type { Detector } from '../secrets/detector.js';

const SCHEMES =
  'postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdb|neo4j(?:\\+s)?';

/** What documentation and templates put where a password goes. */
function isPlaceholderPassword(password: string): boolean {
  return (
    /^(?:pass(?:word|wd)?|pwd|secret|changeme|change_me|your[_-]?password|mypassword|example|test|xxx+|\*+|\.\.\.)$/i.test(
      password,
    ) ||
    /^(?:\$|%|<|\{\{|\[)/.test(password) || // $VAR, ${VAR}, %s, %(name)s, <password>, {{ .Pass }}, [password]
    /\$\{|\{\{|%[sd(]/.test(password)
  );
}

const detectors: Detector[] = [
  {
    kind: 'database-url',
    label: 'database URL with a password',
    anchor: '://',
    bigramAt: 0,
    before: 24,
    re: new RegExp(
      `(?<![A-Za-z0-9+.-])(${SCHEMES}):\\/\\/([^\\s:@/'"\`<>]{1,128}):([^\\s@/'"\`<>]{1,128})@([A-Za-z0-9._-]{1,253})`,
      'gi',
    ),
    confirm: (m) =>
      isPlaceholderPassword(m[3] as string)
        ? undefined
        : { evidence: `${(m[1] as string).toLowerCase()}://${(m[2] as string).slice(0, 64)}:****@${m[4]}` },
  },
];

/** Database connection URLs that carry a password (postgres://user:pass@host, mongodb+srv://...) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-database-url',
  description:
    'database connection URLs with a password (postgres, mysql, mongodb, redis, amqp ...) in the content of any file of any layer',
  securitySeverity: 8.0,
  detectors,
});
export default rule;
