//! The one integration-test binary. Each `mod` line is a chapter of the
//! behaviour the suite pins down, in the order a reader would want them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod calendar;
