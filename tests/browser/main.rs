//! Browser tests (issue 4): headless Chromium driven through WebDriver (chromedriver), on
//! instances started in this process. They need Debian's `chromium` and `chromium-driver`
//! and, for the accessibility audit, axe-core; `.ci/run` installs all three and runs them
//! with `cargo test --workspace --test browser -- --ignored`. Screenshots of
//! every page visited are kept under `$CARGO_TARGET_DIR/browser-screenshots/<test>/`.

mod accessibility;
mod driver;
mod scenario;
mod sessions;
mod steps;
