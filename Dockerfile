# layerlint as an image: Node and the bundle with its runtime dependencies; no shell, no npm, no
# compiler; runs as an unprivileged user.
#   docker build -t layerlint .
#   docker run --rm -v "$PWD:/work:ro" layerlint analyze image.tar
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock \
#     --group-add "$(stat -c %g /var/run/docker.sock)" layerlint analyze docker-daemon:app
# The base images are arguments so a build without access to their registries can name local
# ones (the tests do: test/real/self-image.test.ts). RUNTIME_IMAGE must have Node at
# /nodejs/bin/node, as Google's distroless Node images do.
ARG BUILD_IMAGE=node:24-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY . .
# what the npm package holds, and its runtime dependencies only
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund --ignore-scripts \
  && npm cache clean --force \
  && mkdir -p /opt/layerlint/dist \
  && cp -r package.json bin node_modules /opt/layerlint/ \
  && cp -r dist/bundle /opt/layerlint/dist/

FROM ${RUNTIME_IMAGE}
COPY --from=build /opt/layerlint /opt/layerlint
# the layer cache and Node's compile cache, somewhere an unprivileged user can write
ENV XDG_CACHE_HOME=/tmp/.cache
WORKDIR /work
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/opt/layerlint/bin/layerlint"]
CMD ["--help"]
