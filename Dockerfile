# tomcheck as a container image: the static (musl) binary on an empty base, for GitLab CI
# and other runners that start a job in an image. Build from the repository root:
#   docker build -t tomcheck .
# The image runs `tomcheck` in /work; mount the repository there:
#   docker run --rm -v "$PWD:/work" tomcheck check
FROM rust:1-alpine AS build
# musl-dev: libgit2 (vendored by git2) is compiled with the C compiler against musl.
RUN apk add --no-cache build-base musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin tomcheck \
 && strip target/release/tomcheck \
 && printf '[safe]\n\tdirectory = *\n' > /gitconfig

# git is not needed: tomcheck reads repositories with libgit2, built in. busybox gives
# CI systems a shell to run the job's script with (GitLab needs one); the binary itself
# needs nothing from the image.
FROM busybox:1.37-musl
COPY --from=build /src/target/release/tomcheck /usr/local/bin/tomcheck
# A repository mounted from the host or checked out by a CI helper belongs to another
# user, and libgit2 refuses such repositories unless the system config trusts them.
COPY --from=build /gitconfig /etc/gitconfig
WORKDIR /work
ENTRYPOINT ["tomcheck"]
CMD ["--help"]
