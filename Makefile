# The two commands (see README.md). Both install what is missing first.
.PHONY: serve test build bench clean

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

## Serve the app with live reload on http://127.0.0.1:8080/
serve:
	scripts/install-tools
	trunk serve

## Run every test layer, the budget and the originality check
test:
	scripts/test

## Release build as deployed on GitHub Pages (PUBLIC_URL=/<repo>/)
PUBLIC_URL ?= /attune/
build:
	scripts/install-tools
	cargo fetch --quiet
	trunk build --release --public-url $(PUBLIC_URL) --dist dist

## Lighthouse (mobile) on home, a lesson and the same lesson as plain HTML,
## medians of 3 (minutes; numbers depend on machine load; not in make test)
bench:
	scripts/install-tools --test
	# Canonical links absolute, at the origin bench/run.mjs serves from.
	ATTUNE_SITE_URL=http://127.0.0.1:4181 $(MAKE) build PUBLIC_URL=/attune/
	cd bench && { [ -d node_modules/lighthouse ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; } \
	  || PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
	CHROME_PATH=$${CHROME_PATH:-$$(command -v chromium)} node bench/run.mjs dist
	# How long the lock's key derivation makes the reader wait, in Chromium (not --quiet:
	# cargo would hand it to wasm-bindgen-test-runner, which refuses it).
	CHROMEDRIVER=$${CHROMEDRIVER:-/usr/bin/chromedriver} cargo test --target wasm32-unknown-unknown \
	  --features hydrate --test web_crypto time_to_derive_a_key -- --include-ignored --nocapture

clean:
	cargo clean
	rm -rf dist node_modules bench/node_modules
