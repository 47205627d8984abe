# A small image holding only the `briefing` binary, statically linked against musl.
#
#   docker build -t briefing .
#   docker run --rm -v "$PWD:/site" -w /site briefing build
#
# The build stage compiles with the committed Cargo.lock; the final stage is empty
# but for the binary, so the image is the size of the program (about 10 MB).
FROM rust:1.95-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin briefing \
    && strip target/release/briefing

FROM scratch
COPY --from=build /src/target/release/briefing /usr/local/bin/briefing
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/briefing"]
CMD ["--help"]
