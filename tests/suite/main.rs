//! The one integration-test binary. Each `mod` line is a chapter of the
//! behaviour the suite pins down.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod calendar;
mod cli;
mod docs;
mod policies;
mod robustness;
mod ui;
