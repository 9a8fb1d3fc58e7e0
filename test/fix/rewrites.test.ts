import { attachFixes } from '../../src/fix/attach.js';
import { planFixes } from '../../src/fix/plan.js';
import type { FixContext } from '../../src/fix/types.js';
import type { Finding } from '../../src/model/types.js';
import { model } from './helpers/pipeline.js';

interface Case {
  name: string;
  rule: string;
  input: string;
  data?: Record<string, unknown>;
  ctx?: FixContext;
  expected: string; // exact output ('' + input when no edit is expected)
  suggestion?: RegExp;
}

function run(c: Case) {
  const df = model(c.input);
  const finding: Finding = { ruleId: c.rule, severity: 'warning', message: 'm', data: c.data };
  const [f] = attachFixes([finding], df, c.ctx ?? {});
  return { finding: f, out: planFixes([f], df).text };
}

const cases: Case[] = [
  // ---- fold a cleanup into the creating RUN
  {
    name: 'cleanup moves into the creating RUN, empty RUN goes',
    rule: 'cleanup-in-separate-layer',
    input:
      'FROM debian\nRUN curl -o /tmp/x.tgz https://e.x/x.tgz && tar xf /tmp/x.tgz\n# cleanup\nRUN rm -rf /tmp/x.tgz\nCMD ["x"]\n',
    data: { creatingInstructionIndex: 1, deletingInstructionIndex: 2 },
    expected:
      'FROM debian\nRUN curl -o /tmp/x.tgz https://e.x/x.tgz && tar xf /tmp/x.tgz && rm -rf /tmp/x.tgz\n# cleanup\nCMD ["x"]\n',
  },
  {
    name: 'cleanup with continuations, several rm, ENV between, last line without newline',
    rule: 'cleanup-in-separate-layer',
    input:
      'FROM debian\nRUN apt-get update && \\\n    apt-get install -y gcc\nENV A=1\nRUN rm -rf /var/lib/apt/lists/* \\\n  && rm -f /tmp/a',
    data: { creatingInstructionIndex: 1, deletingInstructionIndex: 3 },
    expected:
      'FROM debian\nRUN apt-get update && \\\n    apt-get install -y gcc \\\n    && rm -rf /var/lib/apt/lists/* && rm -f /tmp/a\nENV A=1',
  },
  {
    name: 'cleanup into a heredoc script goes before the terminator',
    rule: 'cleanup-in-separate-layer',
    input: 'FROM debian\nRUN <<EOF\nmake\nmake install\nEOF\nRUN rm -rf /src\n',
    data: { creatingInstructionIndex: 1, deletingInstructionIndex: 2 },
    expected: 'FROM debian\nRUN <<EOF\nmake\nmake install\nrm -rf /src\nEOF\n',
  },
  {
    name: 'cleanup not folded across a RUN',
    rule: 'cleanup-in-separate-layer',
    input: 'FROM debian\nRUN make\nRUN ./test.sh\nRUN rm -rf /src\n',
    data: { creatingInstructionIndex: 1, deletingInstructionIndex: 3 },
    expected: 'FROM debian\nRUN make\nRUN ./test.sh\nRUN rm -rf /src\n',
    suggestion: /RUN on line 3 runs between/,
  },
  {
    name: 'cleanup not folded when the deleting RUN does more',
    rule: 'cleanup-in-separate-layer',
    input: 'FROM debian\nRUN make\nRUN rm -rf /src && echo done\n',
    data: { creatingInstructionIndex: 1, deletingInstructionIndex: 2 },
    expected: 'FROM debian\nRUN make\nRUN rm -rf /src && echo done\n',
    suggestion: /does more than rm\/clean/,
  },
  {
    name: 'package-manager clean commands fold too',
    rule: 'cleanup-in-separate-layer',
    input:
      'FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\n',
    data: { creatingInstructionIndex: 1, deletingInstructionIndex: 2 },
    expected:
      'FROM debian\nRUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
  },
  {
    name: 'deleted-but-shipped folds through the layer mapping',
    rule: 'deleted-but-shipped',
    input: 'FROM debian\r\nRUN wget -q https://e.x/big.bin -O /big.bin\r\nRUN rm /big.bin\r\n',
    data: { createdLayer: 1, removedLayer: 2 },
    ctx: {
      mapping: {
        targetStage: 0,
        layerLines: [],
        entries: [
          { historyIndex: 1, layer: 1, confidence: 'exact', instruction: { index: 1 } as never },
          { historyIndex: 2, layer: 2, confidence: 'exact', instruction: { index: 2 } as never },
        ],
      },
    },
    expected: 'FROM debian\r\nRUN wget -q https://e.x/big.bin -O /big.bin && rm /big.bin\r\n',
  },
  // ---- package managers
  {
    name: 'apt: --no-install-recommends after install, every install of the RUN',
    rule: 'apt-no-install-recommends',
    input:
      'FROM debian\nRUN apt-get update && apt-get -y install curl && DEBIAN_FRONTEND=noninteractive apt-get install -y git\n',
    data: { instructionIndex: 1 },
    expected:
      'FROM debian\nRUN apt-get update && apt-get -y install --no-install-recommends curl && DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y git\n',
  },
  {
    name: 'apt lists removed at the end of the update RUN (single line)',
    rule: 'apt-lists-not-removed',
    input: 'FROM ubuntu\nRUN apt-get update && apt-get install -y curl\n',
    data: { instructionIndex: 1 },
    expected: 'FROM ubuntu\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
  },
  {
    name: 'apt lists: continuation style and backtick escape kept',
    rule: 'apt-lists-not-removed',
    input: '# escape=`\r\nFROM ubuntu\r\nRUN apt-get update `\r\n  && apt-get install -y curl\r\n',
    data: { instructionIndex: 1 },
    expected:
      '# escape=`\r\nFROM ubuntu\r\nRUN apt-get update `\r\n  && apt-get install -y curl `\r\n  && rm -rf /var/lib/apt/lists/*\r\n',
  },
  {
    name: 'apt lists: update in its own RUN is suggestion only',
    rule: 'apt-lists-not-removed',
    input: 'FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y curl\n',
    data: { instructionIndex: 1 },
    expected: 'FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y curl\n',
    suggestion: /same RUN/,
  },
  {
    name: 'apt lists: heredoc script gets a cleanup line',
    rule: 'apt-lists-not-removed',
    input: 'FROM ubuntu\nRUN <<-EOT\n\tapt-get update\n\tapt-get install -y curl\n\tEOT\n',
    data: { instructionIndex: 1 },
    expected:
      'FROM ubuntu\nRUN <<-EOT\n\tapt-get update\n\tapt-get install -y curl\nrm -rf /var/lib/apt/lists/*\n\tEOT\n',
  },
  {
    name: 'apk: --no-cache after add',
    rule: 'apk-no-cache',
    input: 'FROM alpine:3.20\nRUN apk update && apk add curl "ca-certificates"\n',
    data: { instructionIndex: 1 },
    expected: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl "ca-certificates"\n',
  },
  {
    name: 'pip: --no-cache-dir for pip and python -m pip',
    rule: 'pip-no-cache',
    input: 'FROM python:3.12\nRUN pip install -U pip && python3 -m pip install -r requirements.txt\n',
    data: { instructionIndex: 1 },
    expected:
      'FROM python:3.12\nRUN pip install --no-cache-dir -U pip && python3 -m pip install --no-cache-dir -r requirements.txt\n',
  },
  {
    name: 'pip: exec-form RUN is suggestion only',
    rule: 'pip-no-cache',
    input: 'FROM python:3.12\nRUN ["pip", "install", "flask"]\n',
    data: { instructionIndex: 1 },
    expected: 'FROM python:3.12\nRUN ["pip", "install", "flask"]\n',
    suggestion: /no-cache-dir/,
  },
  {
    name: 'npm: cache clean appended; npm install becomes npm ci with a lock file in the context',
    rule: 'npm-cache-not-cleaned',
    input: 'FROM node:20\nRUN npm install --omit=dev\n',
    data: { instructionIndex: 1, installWordStart: 21, installWordEnd: 28, canUseCi: true },
    ctx: { readContextFile: (p) => (p === 'package-lock.json' ? '{}' : undefined) },
    expected: 'FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force\n',
  },
  {
    name: 'npm: npm-shrinkwrap.json counts as a lock file',
    rule: 'npm-cache-not-cleaned',
    input: 'FROM node:20\nRUN npm i\n',
    data: { instructionIndex: 1, installWordStart: 21, installWordEnd: 22, canUseCi: true },
    ctx: { readContextFile: (p) => (p === 'npm-shrinkwrap.json' ? '{}' : undefined) },
    expected: 'FROM node:20\nRUN npm ci && npm cache clean --force\n',
  },
  {
    name: 'npm: no lock file in the context, install kept',
    rule: 'npm-cache-not-cleaned',
    input: 'FROM node:20\nRUN npm install\n',
    data: { instructionIndex: 1, installWordStart: 21, installWordEnd: 28, canUseCi: true },
    ctx: { readContextFile: (p) => (p === 'package.json' ? '{}' : undefined) },
    expected: 'FROM node:20\nRUN npm install && npm cache clean --force\n',
  },
  {
    name: 'npm: canUseCi false (global install) keeps install despite the lock file; continuation style kept',
    rule: 'npm-cache-not-cleaned',
    input: 'FROM node:20\nRUN npm ci \\\n  && npm install -g pm2\n',
    data: { instructionIndex: 1, installWordStart: 35, installWordEnd: 42, canUseCi: false },
    ctx: { readContextFile: (p) => (p === 'package-lock.json' ? '{}' : undefined) },
    expected: 'FROM node:20\nRUN npm ci \\\n  && npm install -g pm2 \\\n  && npm cache clean --force\n',
  },
  {
    name: 'npm: backtick escape and CRLF kept',
    rule: 'npm-cache-not-cleaned',
    input: '# escape=`\r\nFROM node:20\r\nRUN npm ci `\r\n    --omit=dev\r\n',
    data: { instructionIndex: 1, installWordStart: 34, installWordEnd: 36, canUseCi: false },
    expected: '# escape=`\r\nFROM node:20\r\nRUN npm ci `\r\n    --omit=dev `\r\n    && npm cache clean --force\r\n',
  },
  {
    name: 'npm: heredoc script gets a cleanup line and the ci switch',
    rule: 'npm-cache-not-cleaned',
    input: 'FROM node:20\nRUN <<EOF\nnpm install\nEOF\n',
    data: { instructionIndex: 1, installWordStart: 27, installWordEnd: 34, canUseCi: true },
    ctx: { readContextFile: (p) => (p === 'package-lock.json' ? '{}' : undefined) },
    expected: 'FROM node:20\nRUN <<EOF\nnpm ci\nnpm cache clean --force\nEOF\n',
  },
  {
    name: 'npm: exec-form RUN is suggestion only',
    rule: 'npm-cache-not-cleaned',
    input: 'FROM node:20\nRUN ["npm", "ci"]\n',
    data: { instructionIndex: 1, canUseCi: false },
    expected: 'FROM node:20\nRUN ["npm", "ci"]\n',
    suggestion: /npm cache clean --force/,
  },
  // ---- exec form
  {
    name: 'shell-form CMD to exec form, quotes unquoted and JSON-escaped',
    rule: 'shell-form-entrypoint',
    input: 'FROM python:3\nCMD python -c \'print("hi")\' "a b"\n',
    data: { instructionIndex: 1 },
    expected: 'FROM python:3\nCMD ["python", "-c", "print(\\"hi\\")", "a b"]\n',
  },
  {
    name: 'shell-form ENTRYPOINT across continuation lines',
    rule: 'shell-form-entrypoint',
    input: 'FROM node:20\nENTRYPOINT node \\\n  server.js',
    data: { instructionIndex: 1 },
    expected: 'FROM node:20\nENTRYPOINT ["node", "server.js"]',
  },
  {
    name: 'shell syntax is suggestion only',
    rule: 'shell-form-entrypoint',
    input: 'FROM node:20\nCMD node server.js --port $PORT\n',
    data: { instructionIndex: 1 },
    expected: 'FROM node:20\nCMD node server.js --port $PORT\n',
    suggestion: /shell syntax/,
  },
  {
    name: 'ENTRYPOINT with a CMD in the stage is suggestion only',
    rule: 'shell-form-entrypoint',
    input: 'FROM node:20\nENTRYPOINT node server.js\nCMD ["--verbose"]\n',
    data: { instructionIndex: 1 },
    expected: 'FROM node:20\nENTRYPOINT node server.js\nCMD ["--verbose"]\n',
    suggestion: /arguments/,
  },
  // ---- missing-user
  {
    name: 'missing-user on debian: useradd before CMD and its comment',
    rule: 'missing-user',
    input: 'FROM debian:bookworm-slim\nCOPY app /app\n# start\nCMD ["/app"]\n',
    expected:
      'FROM debian:bookworm-slim\nCOPY app /app\nRUN useradd --create-home --uid 10001 appuser\nUSER 10001\n# start\nCMD ["/app"]\n',
  },
  {
    name: 'missing-user on alpine: adduser -D, CRLF kept',
    rule: 'missing-user',
    input: 'FROM alpine:3.20\r\nCOPY app /app\r\nENTRYPOINT ["/app"]\r\n',
    expected:
      'FROM alpine:3.20\r\nCOPY app /app\r\nRUN adduser -D -u 10001 appuser\r\nUSER 10001\r\nENTRYPOINT ["/app"]\r\n',
  },
  {
    name: 'missing-user on distroless, no CMD, no trailing newline: numeric USER appended',
    rule: 'missing-user',
    input: 'FROM gcr.io/distroless/static\nCOPY app /app',
    expected: 'FROM gcr.io/distroless/static\nCOPY app /app\nUSER 65532',
  },
  {
    name: 'missing-user follows FROM <stage> back to the external image',
    rule: 'missing-user',
    input: 'FROM ubuntu:24.04 AS base\nRUN true\nFROM base\nCMD ["bash"]\n',
    expected:
      'FROM ubuntu:24.04 AS base\nRUN true\nFROM base\nRUN useradd --create-home --uid 10001 appuser\nUSER 10001\nCMD ["bash"]\n',
  },
  {
    name: 'missing-user with an image: busybox adduser found in the final filesystem',
    rule: 'missing-user',
    input: 'FROM $BASE\nCMD ["/app"]\n',
    ctx: {
      analysis: {
        stack: {
          final: new Map([
            ['/bin/busybox', { path: '/bin/busybox' }],
            ['/bin/adduser', { path: '/bin/adduser', kind: 'symlink', linkTarget: 'busybox' }],
          ]),
        },
      } as never,
    },
    expected: 'FROM $BASE\nRUN adduser -D -u 10001 appuser\nUSER 10001\nCMD ["/app"]\n',
  },
  {
    name: 'missing-user with an image: busybox applets hardlinked (official busybox image)',
    rule: 'missing-user',
    input: 'FROM $BASE\nCMD ["/app"]\n',
    ctx: {
      analysis: {
        stack: {
          final: new Map([
            ['/bin/busybox', { path: '/bin/busybox' }],
            ['/bin/adduser', { path: '/bin/adduser', kind: 'hardlink', linkTarget: 'bin/[' }],
          ]),
        },
      } as never,
    },
    expected: 'FROM $BASE\nRUN adduser -D -u 10001 appuser\nUSER 10001\nCMD ["/app"]\n',
  },
  {
    // Debian's busybox-static: /bin/busybox and its applet links, but no adduser applet
    name: 'missing-user with an image: busybox without an adduser applet gets a numeric USER',
    rule: 'missing-user',
    input: 'FROM $BASE\nCMD ["/app"]\n',
    ctx: {
      analysis: {
        stack: {
          final: new Map([
            ['/bin/busybox', { path: '/bin/busybox' }],
            ['/bin/sh', { path: '/bin/sh', kind: 'symlink', linkTarget: 'busybox' }],
          ]),
        },
      } as never,
    },
    expected: 'FROM $BASE\nUSER 65532\nCMD ["/app"]\n',
  },
  // ---- EXPOSE
  {
    name: 'exposed port removed, others kept',
    rule: 'exposed-sensitive-port',
    input: 'FROM nginx\nEXPOSE 80 22/tcp 443\n',
    data: { port: 22 },
    expected: 'FROM nginx\nEXPOSE 80 443\n',
  },
  {
    name: 'exposed port first on the line',
    rule: 'exposed-sensitive-port',
    input: 'FROM nginx\nEXPOSE 22 80\n',
    data: { port: '22/tcp' },
    expected: 'FROM nginx\nEXPOSE 80\n',
  },
  {
    name: 'only port: EXPOSE dropped',
    rule: 'exposed-sensitive-port',
    input: 'FROM nginx\nEXPOSE 2375\nCMD ["nginx"]\n',
    data: { port: 2375 },
    expected: 'FROM nginx\nCMD ["nginx"]\n',
  },
  {
    name: 'udp port does not match tcp',
    rule: 'exposed-sensitive-port',
    input: 'FROM x\nEXPOSE 53/udp\n',
    data: { port: '53/tcp' },
    expected: 'FROM x\nEXPOSE 53/udp\n',
    suggestion: /EXPOSE 53/,
  },
  // ---- cache-busting COPY
  {
    name: 'npm: manifests first, full COPY after the install',
    rule: 'cache-busting-copy',
    input: 'FROM node:20\nWORKDIR /app\nCOPY --chown=node:node . .\nENV CI=1\nRUN npm ci\nRUN npm run build\n',
    data: { instructionIndex: 2, installInstructionIndex: 4 },
    expected:
      'FROM node:20\nWORKDIR /app\nCOPY --chown=node:node package.json package-lock.json ./\nENV CI=1\nRUN npm ci\nCOPY --chown=node:node . .\nRUN npm run build\n',
  },
  {
    name: 'go: go.mod/go.sum, install last line without newline',
    rule: 'cache-busting-copy',
    input: 'FROM golang:1.22\nCOPY . /src\nRUN go mod download',
    data: { instructionIndex: 1, installInstructionIndex: 2 },
    expected: 'FROM golang:1.22\nCOPY go.mod go.sum /src/\nRUN go mod download\nCOPY . /src',
  },
  {
    name: 'pip -r: the named requirements file; context decides lock files',
    rule: 'cache-busting-copy',
    input: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements/prod.txt\n',
    data: { instructionIndex: 2, installInstructionIndex: 3 },
    expected:
      'FROM python:3.12\nWORKDIR /app\nCOPY requirements/prod.txt ./\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\n',
  },
  {
    name: 'npm install with lock file found in the context',
    rule: 'cache-busting-copy',
    input: 'FROM node:20\nCOPY . .\nRUN npm install\n',
    data: { instructionIndex: 1, installInstructionIndex: 2 },
    ctx: { readContextFile: (p) => (p === 'package-lock.json' || p === 'package.json' ? '{}' : undefined) },
    expected: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install\nCOPY . .\n',
  },
  {
    name: 'install that also builds: suggestion only',
    rule: 'cache-busting-copy',
    input: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n',
    data: { instructionIndex: 1, installInstructionIndex: 2 },
    expected: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n',
    suggestion: /manifests/,
  },
  {
    name: 'WORKDIR between COPY and install: suggestion only',
    rule: 'cache-busting-copy',
    input: 'FROM node:20\nCOPY . .\nWORKDIR /x\nRUN npm ci\n',
    data: { instructionIndex: 1, installInstructionIndex: 3 },
    expected: 'FROM node:20\nCOPY . .\nWORKDIR /x\nRUN npm ci\n',
    suggestion: /manifests/,
  },
  // ---- stage split
  {
    name: 'go build split into build and distroless runtime',
    rule: 'single-stage-build',
    input:
      'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server ./cmd/server\nEXPOSE 8080\nCMD ["./server"]\n',
    data: { instructionIndex: 3 },
    expected:
      'FROM golang:1.22 AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o server ./cmd/server\n\nFROM gcr.io/distroless/base-debian12\nWORKDIR /app\nCOPY --from=build /app/server /app/server\nUSER 65532\nEXPOSE 8080\nCMD ["./server"]\n',
  },
  {
    name: 'cargo: binary name from Cargo.toml, ENV carried over',
    rule: 'single-stage-build',
    input:
      'FROM rust:1.79\nENV RUST_LOG=info\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nENTRYPOINT ["/usr/src/app/target/release/hello"]',
    data: { instructionIndex: 4 },
    ctx: {
      readContextFile: (p) => (p === 'Cargo.toml' ? '[package]\nname = "hello"\nversion = "0.1.0"\n' : undefined),
    },
    expected:
      'FROM rust:1.79 AS build\nENV RUST_LOG=info\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\n\nFROM gcr.io/distroless/cc-debian12\nENV RUST_LOG=info\nWORKDIR /usr/src/app\nCOPY --from=build /usr/src/app/target/release/hello /usr/src/app/target/release/hello\nUSER 65532\nENTRYPOINT ["/usr/src/app/target/release/hello"]',
  },
  {
    name: 'maven: jar to temurin JRE of the same version',
    rule: 'single-stage-build',
    input:
      'FROM maven:3.9-eclipse-temurin-21 AS app\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\nCMD ["java", "-jar", "/app/target/app.jar"]\n',
    data: { instructionIndex: 3 },
    expected:
      'FROM maven:3.9-eclipse-temurin-21 AS app\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\n\nFROM eclipse-temurin:21-jre\nWORKDIR /app\nCOPY --from=app /app/target/*.jar /app/target/\nUSER 65532\nCMD ["java", "-jar", "/app/target/app.jar"]\n',
  },
  {
    name: 'gcc -o: split; shell-form CMD blocks it',
    rule: 'single-stage-build',
    input: 'FROM gcc:14\nCOPY . /src\nRUN gcc -O2 -o /usr/local/bin/hello /src/hello.c\nCMD hello\n',
    data: { instructionIndex: 2 },
    expected: 'FROM gcc:14\nCOPY . /src\nRUN gcc -O2 -o /usr/local/bin/hello /src/hello.c\nCMD hello\n',
    suggestion: /exec-form/,
  },
  {
    name: 'npm run build: skeleton suggestion',
    rule: 'single-stage-build',
    input: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
    data: { instructionIndex: 2 },
    expected: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
    suggestion: /AS build/,
  },
  {
    name: 'npm run build: the suggestion says why the output is not identified',
    rule: 'single-stage-build',
    input: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
    data: { instructionIndex: 2 },
    expected: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
    suggestion: /not rewritten automatically: no RUN of the final stage runs a build whose output can be identified/,
  },
  {
    name: 'gcc without -o: says so',
    rule: 'build-toolchain-in-final-image',
    input: 'FROM gcc:14\nCOPY . /src\nRUN cd /src && gcc -O2 hello.c\nCMD ["/src/a.out"]\n',
    data: { instructionIndex: 2 },
    expected: 'FROM gcc:14\nCOPY . /src\nRUN cd /src && gcc -O2 hello.c\nCMD ["/src/a.out"]\n',
    suggestion: /`gcc` on line 3 has no -o target/,
  },
  {
    name: 'go build -o $OUT: says the target is not a fixed path',
    rule: 'single-stage-build',
    input: 'FROM golang:1.22\nCOPY . /src\nRUN go build -o $OUT ./cmd/app\nCMD ["/app"]\n',
    data: { instructionIndex: 2 },
    expected: 'FROM golang:1.22\nCOPY . /src\nRUN go build -o $OUT ./cmd/app\nCMD ["/app"]\n',
    suggestion: /the -o target of `go build` on line 3 is not a fixed file path/,
  },
  // ---- suggestion-only rules
  {
    name: 'unpinned base image: never invents a tag',
    rule: 'unpinned-base-image',
    input: 'FROM node\n',
    expected: 'FROM node\n',
    suggestion: /digest/,
  },
  {
    name: 'ADD: suggestion only',
    rule: 'add-instead-of-copy',
    input: 'FROM node\nADD . /app\n',
    expected: 'FROM node\nADD . /app\n',
    suggestion: /COPY/,
  },
];

describe('rewrites', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { finding, out } = run(c);
    expect(out).toBe(c.expected);
    if (c.suggestion) expect(finding.suggestion).toMatch(c.suggestion);
    if (c.expected !== c.input) {
      // fixing the fixed text with the same finding changes nothing more than the rule would see
      expect(model(out).text).toBe(out);
    }
  });
});
