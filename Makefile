# The two commands (see README.md). Both install what is missing first.
.PHONY: serve test build clean

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

clean:
	cargo clean
	rm -rf dist node_modules
